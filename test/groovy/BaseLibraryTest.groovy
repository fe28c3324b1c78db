import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library
import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource

import com.lesfurets.jenkins.unit.BasePipelineTest
import com.lesfurets.jenkins.unit.cps.PipelineTestHelperCPS
import io.jenkins.plugins.deploygates.engine.health.Phase
import io.jenkins.plugins.deploygates.library.Clock
import org.junit.After
import org.junit.Before
import support.DeclarativeInterpreter
import support.FakeAbortException
import support.FakeBuild
import support.FakeFlowInterruptedException
import support.StepResults

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * Shared base of the var tests: loads this repository as the shared library `deploy-gates@test`, interprets the
 * declarative directives, and registers once the core steps and doubles of the plugin steps. The doubles take
 * exactly the named parameters of the real steps (an unknown one fails the test) and return their result shapes;
 * tests change their behaviour through the fields below, never by re-registering.
 */
abstract class BaseLibraryTest extends BasePipelineTest {

    public static final String COMMIT = '3f2c9a1b7d4e5f60718293a4b5c6d7e8f9012345'
    public static final long HOUR = 3600000L
    /** What a synchronous step whose wait a Jenkins restart cut off ends with. */
    /** How the real railwayUp fails when its deployment went live and then crashed within stableFor. */
    public static final String LIVE_THEN_CRASHED = 'railwayUp: Deployment dep-production-frontend left SUCCESS for CRASHED' +
            ' within stableFor 30s; see https://railway.com/project/p/service/frontend?id=dep-production-frontend.'
    /**
     * The plugin steps the library calls; their doubles take the real steps' parameters, with the real types. By name:
     * the steps compile against Jenkins stand-ins that only the test run, not the Groovy compiler, sees.
     */
    public static final Map<String, String> PLUGIN_STEPS = [
            healthGate       : 'HealthGateStep',
            railwayUp        : 'RailwayUpStep',
            railwayRollback  : 'RailwayRollbackStep',
            dockerRebuild    : 'DockerRebuildStep',
            dockerRollback   : 'DockerRollbackStep',
            smokeAuthFlow    : 'SmokeAuthFlowStep',
            deployGatesReport: 'DeployGatesReportStep',
    ]
    /** The record each step writes into its reportDir (the real steps' default folder when none is given). */
    public static final Map<String, List<String>> RECORDS = [
            healthGate     : [null, 'health-gate.json'],
            railwayUp      : ['railway', 'railway-up-%s.json'],
            railwayRollback: ['railway', 'railway-rollback-%s.json'],
            dockerRebuild  : ['deploy-gates-reports', 'dockerRebuild.json'],
            dockerRollback : ['deploy-gates-reports', 'dockerRollback.json'],
            smokeAuthFlow  : ['smoke-auth', 'smoke-auth.json'],
    ]

    long now = 1_800_000_000_000L
    FakeBuild build = new FakeBuild()
    Map env = [JOB_NAME: 'shop/deploy', BUILD_NUMBER: '42', BUILD_URL: 'https://ci.example.com/job/shop/42/', BRANCH_NAME: 'main']
    DeclarativeInterpreter declarative
    Script jenkinsfile
    final List<String> log = []
    final List<Map> stepCalls = []
    final Map<String, String> files = [:]
    final List<String> archived = []
    /** Stashed files by stash name, as the stash step keeps them between agents. */
    final Map<String, Map<String, String>> stashes = [:]
    /** The folders `dir {}` blocks are in, innermost last. */
    final List<String> dirs = []
    final List<Map> inputCalls = []
    /** Answers the approvers give, in order: [user:, override:, reason:, afterMs:], [reject: user] or 'timeout'. */
    final List<Object> approvals = []
    /** Files the last successful build of another job archived, served by copyArtifacts. */
    final Map<String, String> otherJobArtifacts = [:]
    /** Whether that job refuses to let this one copy (Copy Artifact's production mode, no permission granted). */
    boolean copyArtifactsRefused
    /** A failure reason for a healthGate call, or null for healthy. */
    Closure<String> healthFailure = { Map args -> null }
    Closure<Boolean> smokePasses = { Map args -> true }
    /** A failure reason for a railwayUp call, or null for a deployment that goes live. */
    Closure<String> railwayUpFailure = { Map args -> null }
    /** Whether a railwayUp call is cut off by a Jenkins restart after Railway accepted its upload. */
    Closure<Boolean> railwayUpLiveThenCrashed = { Map args -> false }
    /** Shell commands: pattern -> closure(args) giving stdout or throwing. */
    final Map<String, Closure> shell = [:]

    /** Set by CPS tests: scripts are then CPS-transformed and every step's state is serialized and read back. */
    protected boolean cps = false

    @Before
    @Override
    void setUp() throws Exception {
        if (cps) {
            helper = new PipelineTestHelperCPS()
        }
        scriptRoots = ['.'] as String[]
        super.setUp()
        helper.registerSharedLibrary(library().name('deploy-gates').defaultVersion('test').allowOverride(false)
                .implicit(false).targetPath(libraryRoot()).retriever(localSource(libraryRoot())).build())
        build.startTimeInMillis = now
        build.startedBy('alice')
        binding.setVariable('currentBuild', build)
        binding.setVariable('env', env)
        binding.setVariable('params', [:])
        binding.setVariable('scm', [$class: 'GitSCM'])
        binding.setVariable('any', 'any')
        binding.setVariable('none', 'none')
        declarative = new DeclarativeInterpreter(helper, build, env)
        declarative.register()
        registerCoreSteps()
        registerPluginSteps()
        Clock.metaClass.static.nowMillis = { -> now }
        jenkinsfile = loadScript('test/jenkinsfiles/uses-library.jenkinsfile')
    }

    @After
    void forgetClock() {
        GroovySystem.metaClassRegistry.removeMetaClass(Clock)
    }

    /** `<target>/deploy-gates@test`, a link to this repository, which is how LocalSource expects a library. */
    static String libraryRoot() {
        Path root = Paths.get('target', 'library-under-test').toAbsolutePath()
        Path link = root.resolve('deploy-gates@test')
        if (!Files.exists(link)) {
            Files.createDirectories(root)
            Files.createSymbolicLink(link, Paths.get('').toAbsolutePath())
        }
        return root.toString()
    }

    /** Calls a var the way a Jenkinsfile does; returns what failed the run, or null. */
    Throwable runVar(String name, Map args) {
        try {
            jenkinsfile.invokeMethod(name, [args] as Object[])
            return null
        } catch (Throwable failure) {
            build.result = failure instanceof InterruptedException ? 'ABORTED' : 'FAILURE'
            return failure
        }
    }

    /** A closure as a Jenkinsfile would write it: its steps resolve on the Jenkinsfile, not on the test. */
    Closure inJenkinsfile(Closure body) {
        Closure bound = body.rehydrate(jenkinsfile, jenkinsfile, jenkinsfile)
        bound.resolveStrategy = Closure.DELEGATE_FIRST
        return bound
    }

    /** The evidence an input step showed the approver (its EVIDENCE text field). */
    static String evidenceOf(Map inputCall) {
        return inputCall.parameters.find { it.name == 'EVIDENCE' }.defaultValue
    }

    List<String> stepNames() {
        return stepCalls.collect { it.step as String }
    }

    List<Map> callsOf(String step) {
        return stepCalls.findAll { it.step == step }.collect { it.args as Map }
    }

    String logText() {
        return log.join('\n')
    }

    protected void record(String step, Map args) {
        stepCalls << [step: step, args: args, heldNodes: declarative.heldNodes, heldLocks: new ArrayList(declarative.heldLocks)]
    }

    protected void registerPluginSteps() {
        PLUGIN_STEPS.each { String step, String stepClass ->
            Map<String, Class> parameters = parametersOf(Class.forName("io.jenkins.plugins.deploygates.steps.${stepClass}"))
            helper.registerAllowedMethod(step, [Map], { Map args ->
                List unknown = args.keySet().findAll { !parameters.containsKey(it) } as List
                if (unknown) {
                    throw new IllegalArgumentException("${step} has no parameter(s) ${unknown}")
                }
                args.each { String name, Object value ->
                    if (!fits(parameters[name], value)) {
                        throw new IllegalArgumentException("${step} parameter ${name} takes ${parameters[name].simpleName}, not ${value.getClass().simpleName} ${value}")
                    }
                }
                record(step, args)
                leaveRecord(step, args)
                return this."${step}Double"(args)
            })
        }
    }

    /** Name and type of each parameter of a step: its data-bound constructor's and setters'. */
    static Map<String, Class> parametersOf(Class stepClass) {
        Map<String, Class> parameters = [:]
        stepClass.constructors.findAll { annotated(it, 'DataBoundConstructor') }.each { constructor ->
            constructor.parameters.each { parameters[it.name] = it.type }
        }
        stepClass.methods.findAll { annotated(it, 'DataBoundSetter') }.each { setter ->
            parameters[setter.name[3].toLowerCase() + setter.name.substring(4)] = setter.parameterTypes[0]
        }
        return parameters
    }

    static boolean annotated(java.lang.reflect.Executable member, String stapler) {
        return member.annotations.any { it.annotationType().name == "org.kohsuke.stapler.${stapler}".toString() }
    }

    /** What Pipeline's argument binding accepts for a parameter type (GStrings as Strings, numbers as numbers). */
    static boolean fits(Class type, Object value) {
        if (value == null) {
            return !type.isPrimitive()
        }
        if (type == String) {
            return value instanceof CharSequence
        }
        if (type.isPrimitive() || Number.isAssignableFrom(type)) {
            return type in [boolean, Boolean] ? value instanceof Boolean : value instanceof Number
        }
        return type.isInstance(value)
    }

    /**
     * Like the real steps, a record is written whatever the outcome, before the step returns or fails; railwayUp's is
     * the real record (passed, failed or cut off mid-wait), as the library reads it back.
     */
    protected void leaveRecord(String step, Map args) {
        List<String> where = RECORDS[step]
        String folder = args.containsKey('reportDir') ? args.reportDir : where?.get(0)
        if (folder != null) {
            String name = String.format(where[1], args.service)
            files["${folder}/${name}".toString()] = step == 'railwayUp' ? railwayUpRecord(args)
                    : groovy.json.JsonOutput.toJson([step: step, args: args])
        }
    }

    private String railwayUpRecord(Map args) {
        String failure = railwayUpFailure(args)
        String outcome = railwayUpLiveThenCrashed(args) ? 'live then crashed' : failure != null ? 'failed' : 'passed'
        return StepResults.railwayUpRecord(args.environment, args.service, replacedOf(args), outcome, failure)
    }

    /** The deployment each service's upload replaces on Railway. */
    static String replacedOf(Map args) {
        return "dep-before-${args.environment}-${args.service}".toString()
    }

    /**
     * Renders like the real step: every JSON record under dir (sub-folders too) listed on the page, the stylesheet
     * beside the page, and one archiveArtifacts pattern for both returned; no record is a failure.
     */
    String deployGatesReportDouble(Map args) {
        String dir = args.dir ?: 'deploy-gates-reports'
        List<String> records = files.keySet().findAll { it.startsWith(dir + '/') && it.endsWith('.json') }.sort()
        if (records.isEmpty()) {
            throw new FakeAbortException("deployGatesReport: dir '${dir}' holds no Deploy Gates record")
        }
        String page = args.out ?: "${dir}/deploy-gates-report.html"
        String folder = page.contains('/') ? page.substring(0, page.lastIndexOf('/') + 1) : ''
        files[page] = records.collect { it.substring(dir.length() + 1) }.join('\n')
        files["${folder}deploy-gates-report.css".toString()] = '.card{}'
        return "${page}, ${folder}deploy-gates-report.css".toString()
    }

    // The doubles answer with what the real steps return and fail with what they fail with (see StepResults).

    Map healthGateDouble(Map args) {
        String reason = healthFailure(args)
        if (reason != null) {
            throw new FakeAbortException(StepResults.healthFailure(reason))
        }
        return StepResults.health((args.url ?: args.urls[0]) as String,
                args.watch ? Phase.WATCH : Phase.AWAIT)
    }

    Map railwayUpDouble(Map args) {
        if (railwayUpLiveThenCrashed(args)) {
            throw new FakeAbortException(LIVE_THEN_CRASHED)
        }
        String reason = railwayUpFailure(args)
        if (reason != null) {
            throw new FakeAbortException(StepResults.railwayUpFailure(reason))
        }
        return StepResults.railwayUp(args.environment as String, args.service as String, replacedOf(args))
    }

    Map railwayRollbackDouble(Map args) {
        return StepResults.railwayRollback(args.environment as String, args.service as String)
    }

    Map dockerRebuildDouble(Map args) {
        return StepResults.dockerRebuild((args.projectName ?: 'app') as String, args.services ? args.services.split(',') as List : ['web'])
    }

    Map dockerRollbackDouble(Map args) {
        return StepResults.dockerRollback((args.projectName ?: 'app') as String, args.services ? args.services.split(',') as List : ['web'])
    }

    Map smokeAuthFlowDouble(Map args) {
        if (!smokePasses(args)) {
            throw new FakeAbortException(StepResults.smokeFailure(args.baseUrl as String, args.email as String))
        }
        return StepResults.smoke(args.baseUrl as String, args.email as String)
    }

    protected void registerCoreSteps() {
        helper.registerAllowedMethod('echo', [String], { String line -> log << line })
        helper.registerAllowedMethod('error', [String], { String message ->
            log << "ERROR: ${message}".toString()
            throw new FakeAbortException(message)
        })
        helper.registerAllowedMethod('unstable', [String], { String message ->
            log << "WARNING: ${message}".toString()
            build.result = 'UNSTABLE'
        })
        // scm is a map here, so the map form (pre-registered by JenkinsPipelineUnit) is the one to replace
        helper.registerAllowedMethod('checkout', [Map], { Map scm -> record('checkout', scm); [GIT_COMMIT: COMMIT] })
        helper.registerAllowedMethod('sh', [String], { String script -> runShell([script: script]) })
        helper.registerAllowedMethod('sh', [Map], { Map args -> runShell(args) })
        helper.registerAllowedMethod('writeFile', [Map], { Map args -> files[args.file] = args.text })
        helper.registerAllowedMethod('readFile', [String], { String path -> readWorkspace(path) })
        helper.registerAllowedMethod('fileExists', [String], { String path -> files.containsKey(path) })
        helper.registerAllowedMethod('archiveArtifacts', [Map], { Map args ->
            // Like Jenkins, a comma-separated pattern archives each file it names.
            args.artifacts.split(',')*.trim().each { String file ->
                assert files.containsKey(file): "archiveArtifacts: ${file} is not in the workspace"
                archived << file
            }
        })
        helper.registerAllowedMethod('junit', [Map], { Map args -> record('junit', args) })
        helper.registerAllowedMethod('copyArtifacts', [Map], { Map args -> copyArtifacts(args) })
        helper.registerAllowedMethod('lastSuccessful', [], { -> [$class: 'StatusBuildSelector', stable: false] })
        helper.registerAllowedMethod('milestone', [Map], { Map args -> record('milestone', args) })
        helper.registerAllowedMethod('timeout', [Map, Closure], { Map args, Closure body -> record('timeout', args); helper.callClosure(body) })
        helper.registerAllowedMethod('input', [Map], { Map args -> answer(args) })
        helper.registerAllowedMethod('booleanParam', [Map], { Map args -> [type: 'boolean'] + args })
        helper.registerAllowedMethod('string', [Map], { Map args -> [type: 'string'] + args })
        helper.registerAllowedMethod('text', [Map], { Map args -> [type: 'text'] + args })
        helper.registerAllowedMethod('withEnv', [List, Closure], { List vars, Closure body -> withEnv(vars, body) })
        helper.registerAllowedMethod('retry', [Integer, Closure], { Integer count, Closure body -> record('retry', [count: count]); helper.callClosure(body) })
        helper.registerAllowedMethod('skipDefaultCheckout', [], { -> })
        helper.registerAllowedMethod('copyArtifactPermission', [String], { String jobs -> record('copyArtifactPermission', [jobs: jobs]) })
        helper.registerAllowedMethod('logRotator', [Map], { Map args -> args })
        helper.registerAllowedMethod('buildDiscarder', [Object], { Object rotator -> })
        registerWorkspaceSteps()
    }

    /** dir, deleteDir, stash and unstash act on the single `files` workspace, so a stash really carries files. */
    protected void registerWorkspaceSteps() {
        helper.registerAllowedMethod('dir', [String, Closure], { String path, Closure body ->
            dirs << path
            try {
                return helper.callClosure(body)
            } finally {
                dirs.remove(dirs.size() - 1)
            }
        })
        helper.registerAllowedMethod('deleteDir', [], { ->
            String prefix = dirs.join('/') + '/'
            record('deleteDir', [dir: dirs.join('/')])
            files.keySet().removeAll { it.startsWith(prefix) }
        })
        helper.registerAllowedMethod('stash', [Map], { Map args ->
            record('stash', args)
            assert args.includes.endsWith('/**'): "stash double only knows 'folder/**', not ${args.includes}"
            String prefix = args.includes[0..-3]
            Map<String, String> kept = files.findAll { it.key.startsWith(prefix) }
            if (kept.isEmpty() && !args.allowEmpty) {
                throw new FakeAbortException('No files included in stash')
            }
            stashes[args.name] = kept
        })
        helper.registerAllowedMethod('unstash', [String], { String name ->
            record('unstash', [name: name])
            if (!stashes.containsKey(name)) {
                throw new FakeAbortException("No such saved stash ‘${name}’")
            }
            files.putAll(stashes[name])
        })
    }

    /** The variables are set for the body only, as Jenkins does, so a shell double sees them. */
    protected Object withEnv(List vars, Closure body) {
        record('withEnv', [vars: vars])
        Map before = new LinkedHashMap(env)
        vars.each { String assignment -> env[assignment.substring(0, assignment.indexOf('='))] = assignment.substring(assignment.indexOf('=') + 1) }
        try {
            return helper.callClosure(body)
        } finally {
            env.clear()
            env.putAll(before)
        }
    }

    /** Each shell call is recorded with the DOCKER_HOST it would run with. */
    protected Object runShell(Map args) {
        record('sh', args + [dockerHost: env.DOCKER_HOST])
        Map.Entry<String, Closure> rule = shell.find { pattern, behaviour -> args.script.toString().contains(pattern) }
        Object out = rule == null ? '' : rule.value.call(args)
        return args.returnStdout ? out : null
    }

    protected String readWorkspace(String path) {
        if (!files.containsKey(path)) {
            throw new FakeAbortException("${path} does not exist")
        }
        return files[path]
    }

    /** Filters are a file name or `**\/name` (that name in any folder); flatten drops the folders on copy. */
    protected void copyArtifacts(Map args) {
        record('copyArtifacts', args)
        if (copyArtifactsRefused) { // what Copy Artifact says, whatever `optional` says
            throw new FakeAbortException("Unable to find project for artifact copy: ${args.projectName}\nThis may be due to " +
                    'incorrect project name or permission settings; see help for project name in job configuration.')
        }
        String filter = args.filter
        String name = filter.startsWith('**/') ? filter.substring(3) : filter
        String found = otherJobArtifacts.keySet().find { it == filter || filter.startsWith('**/') && (it == name || it.endsWith('/' + name)) }
        if (found != null) {
            files["${args.target}/${args.flatten ? name : found}".toString()] = otherJobArtifacts[found]
        } else if (!args.optional) {
            throw new FakeAbortException("Unable to find a build for artifact copy from: ${args.projectName}")
        }
    }

    /** The input step: the next approver's answer, or the surrounding timeout firing when nobody answers. */
    protected Map answer(Map args) {
        inputCalls << (args + [heldNodes: declarative.heldNodes])
        record('input', args)
        Object next = approvals ? approvals.remove(0) : 'timeout'
        if (next == 'timeout') {
            throw FakeFlowInterruptedException.timeout()
        }
        now += (next.afterMs ?: 0L) as long
        if (next.reject) {
            throw FakeFlowInterruptedException.rejectedBy(next.reject as String)
        }
        return [APPROVER: next.user, OVERRIDE_SOAK: next.override ?: false, OVERRIDE_REASON: next.reason ?: '']
    }
}
