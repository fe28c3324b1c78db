import io.jenkins.plugins.deploygates.library.PromotionRecord
import io.jenkins.plugins.deploygates.library.Settings
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.DynamicVariable
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.expr.BinaryExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit
import org.junit.Test

import static org.assertj.core.api.Assertions.assertThat

/** Rules every var keeps: help next to it, a call method, and no variable that leaks into the script binding. */
class VarsConventionTest extends BaseLibraryTest {

    static List<File> varFiles() {
        List<File> found = new File('vars').listFiles().findAll { it.name.endsWith('.groovy') }.sort { it.name }
        assert found.size() == 5: "expected the five vars, found ${found*.name}"
        return found
    }

    static String nameOf(File file) {
        return file.name - '.groovy'
    }

    @Test
    void everyVarHasHelpWithPurposeParametersAndExample() {
        varFiles().each { File file ->
            File help = new File('vars', nameOf(file) + '.txt')
            assertThat(help).as("help of ${nameOf(file)}").exists()
            assertThat(help.text).as(help.name).contains('<p>', '<dl>', '<dt>', '<pre>', nameOf(file) + '(')
        }
    }

    @Test
    void everyVarHasACallMethodTakingAMap() {
        varFiles().each { File file ->
            MethodNode call = parse(file).getMethods('call').find { it.parameters.length == 1 }
            assertThat(call).as("${nameOf(file)}.call(Map)").isNotNull()
            assertThat(call.parameters[0].type.name).isEqualTo('java.util.Map')
            assertThat(call.returnType.name).as("${nameOf(file)}.call returns void or a value, not def")
                    .isIn('void', 'java.util.Map', 'java.lang.String')
        }
    }

    @Test
    void noVarAssignsAnUndeclaredVariable() {
        varFiles().each { File file ->
            assertThat(undeclaredAssignments(file)).as("binding leaks in ${file.name}").isEmpty()
        }
    }

    @Test
    void theLeakCheckFindsALeak() {
        File leaky = File.createTempFile('leaky', '.groovy')
        leaky.text = 'void call(Map args) { declared = 1; def fine = 2; fine = 3 }'
        assertThat(undeclaredAssignments(leaky)).containsExactly('declared (line 1)')
        leaky.delete()
    }

    @Test
    void runningTheVarsLeavesTheBindingAsItWas() {
        Set<String> before = new HashSet<>(binding.variables.keySet())
        approvals << [user: 'bob', afterMs: 25 * HOUR]
        shell['openssl'] = { Map args -> 'notAfter=Dec 31 00:00:00 2027 GMT' }
        List<Throwable> failures = []
        failures << runVar('deployPipeline', [tests: 'make e2e', services: [[name: 'api']],
                                  staging: [health: 'https://s.example/health'], production: [health: 'https://p.example/health']])
        failures << runVar('rollbackDeployment', [services: ['api'], health: 'https://p.example/health'])
        failures << runVar('nightlyDeployCheck', [deployJob: 'shop/deploy', environments: [[name: 'p', health: 'https://p.example/health']]])
        failures << runVar('promotionRecord', [record: new PromotionRecord('j', '1', now)])

        assertThat(failures).containsOnlyNulls()
        assertJobStatusSuccess()
        assertThat(binding.variables.keySet()).isEqualTo(before)
    }

    @Test
    void theVarsUseTheCompiledLibraryClassesNotSecondCopies() {
        ClassLoader libraryLoader = binding.getVariable('deployPipeline').getClass().classLoader
        assertThat(libraryLoader.loadClass(Settings.name)).isSameAs(Settings)
    }

    private static ClassNode parse(File file) {
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration(), null,
                new GroovyClassLoader(VarsConventionTest.classLoader))
        unit.addSource(file)
        unit.compile(Phases.SEMANTIC_ANALYSIS)
        return unit.getAST().classes.find { it.isScript() }
    }

    /** Assignments to names never declared: in a script those land in the binding, shared by the whole build. */
    private static List<String> undeclaredAssignments(File file) {
        ClassNode script = parse(file)
        List<String> leaks = []
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return null
            }

            @Override
            void visitBinaryExpression(BinaryExpression expression) {
                if (expression.operation.text == '=' && expression.leftExpression instanceof VariableExpression &&
                        ((VariableExpression) expression.leftExpression).accessedVariable instanceof DynamicVariable) {
                    leaks << "${((VariableExpression) expression.leftExpression).name} (line ${expression.lineNumber})".toString()
                }
                super.visitBinaryExpression(expression)
            }
        }.visitClass(script)
        return leaks
    }
}
