package support

import com.lesfurets.jenkins.unit.PipelineTestHelper

/**
 * Runs the declarative directives our templates use on JenkinsPipelineUnit 1.1, which has no
 * DeclarativePipelineTest. A directive first collects its model (agent, when, steps, post, nested stages), then
 * the model runs as Declarative runs it: stages in order; after a failure the build turns FAILURE and later stages
 * are skipped; `when` is evaluated before the stage's options when beforeOptions is set, else before the agent
 * when beforeAgent is set; stage and pipeline post conditions run in Declarative's order against the stage's or the
 * build's status. An agent directive holds a node (an executor) for the stage; `heldNodes` tells a step double
 * whether it runs while one is held. A stage's `options { lock(...) }` holds the lock around the whole stage, its
 * agent included, as Declarative does (`heldLocks`). The real run in the kit's Jenkins (the *ITest classes) is the
 * proof; where this stand-in and Jenkins disagree, Jenkins is right and this class is fixed.
 */
class DeclarativeInterpreter {

    static final List<String> POST_ORDER = ['always', 'changed', 'fixed', 'regression', 'aborted', 'failure',
                                            'success', 'unstable', 'unsuccessful', 'cleanup']

    final PipelineTestHelper helper
    final FakeBuild build
    final Map env
    final List<Map> stages = []
    final List<String> triggers = []
    int heldNodes = 0
    /** The lockable resources held now, by stage-level {@code options { lock(...) }}, innermost last. */
    final List<String> heldLocks = []
    private final List<Object> collecting = []

    DeclarativeInterpreter(PipelineTestHelper helper, FakeBuild build, Map env) {
        this.helper = helper
        this.build = build
        this.env = env
    }

    /** The status a stage ended with: passed, failed, skipped (when) or skipped (earlier failure). */
    String statusOf(String stage) {
        Map found = stages.find { it.name == stage }
        return found == null ? 'not reached' : found.status
    }

    void register() {
        helper.registerAllowedMethod('pipeline', [Closure], { Closure body -> runPipeline(body) })
        helper.registerAllowedMethod('agent', [String], { String kind -> top(Holder).agent = kind })
        helper.registerAllowedMethod('agent', [Closure], { Closure body -> top(Holder).agent = collect(new AgentSpec(), body) })
        helper.registerAllowedMethod('label', [String], { String label -> top(AgentSpec).label = label })
        helper.registerAllowedMethod('stages', [Closure], { Closure body -> top(Holder).stages = collect(new StageList(), body).list })
        helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure body -> stage(name, body) })
        helper.registerAllowedMethod('steps', [Closure], { Closure body -> top(StageSpec).steps = body })
        helper.registerAllowedMethod('script', [Closure], { Closure body -> helper.callClosure(body) })
        helper.registerAllowedMethod('options', [Closure], { Closure body -> options(body) })
        helper.registerAllowedMethod('lock', [Map], { Map args -> top(OptionsSpec).locks << (String) args.resource })
        helper.registerAllowedMethod('triggers', [Closure], { Closure body -> helper.callClosure(body) })
        helper.registerAllowedMethod('cron', [String], { String spec -> triggers << spec })
        helper.registerAllowedMethod('environment', [Closure], { Closure body -> environment(body) })
        helper.registerAllowedMethod('post', [Closure], { Closure body -> top(Holder).post = collect(new PostSpec(), body).conditions })
        POST_ORDER.each { String condition ->
            helper.registerAllowedMethod(condition, [Closure], { Closure body -> top(PostSpec).conditions[condition] = body })
        }
        registerWhen()
        helper.registerAllowedMethod('node', [String, Closure], { String label, Closure body -> onNode(label, body) })
        helper.registerAllowedMethod('node', [Closure], { Closure body -> onNode('', body) })
    }

    private void registerWhen() {
        helper.registerAllowedMethod('when', [Closure], { Closure body -> top(StageSpec).when = collect(new WhenSpec('allOf', helper), body) })
        helper.registerAllowedMethod('beforeAgent', [Boolean], { Boolean flag -> top(WhenSpec).beforeAgent = flag })
        helper.registerAllowedMethod('beforeOptions', [Boolean], { Boolean flag -> top(WhenSpec).beforeOptions = flag })
        helper.registerAllowedMethod('expression', [Closure], { Closure test -> top(WhenSpec).conditions << test })
        helper.registerAllowedMethod('branch', [String], { String pattern ->
            top(WhenSpec).conditions << { -> env.BRANCH_NAME ==~ pattern.replace('*', '.*') }
        })
        helper.registerAllowedMethod('environment', [Map], { Map test ->
            top(WhenSpec).conditions << { -> env[test.name] == test.value }
        })
        ['allOf', 'anyOf', 'not'].each { String mode ->
            helper.registerAllowedMethod(mode, [Closure], { Closure body ->
                WhenSpec group = collect(new WhenSpec(mode, helper), body)
                top(WhenSpec).conditions << { -> group.holds() }
            })
        }
    }

    private Object top(Class type) {
        Object current = collecting ? collecting.last() : null
        if (!type.isInstance(current)) {
            throw new IllegalStateException("directive used outside its ${type.simpleName} (inside ${current?.getClass()?.simpleName})")
        }
        return current
    }

    private Object collect(Object spec, Closure body) {
        collecting << spec
        try {
            helper.callClosure(body)
        } finally {
            collecting.remove(collecting.size() - 1)
        }
        return spec
    }

    /** Inside `stages {}` a stage is collected; anywhere else it is a scripted stage and runs at once. */
    private Object stage(String name, Closure body) {
        if (collecting && collecting.last() instanceof StageList) {
            ((StageList) collecting.last()).list << (StageSpec) collect(new StageSpec(name: name), body)
            return null
        }
        stages << [name: name, status: 'scripted']
        return helper.callClosure(body)
    }

    /** Pipeline options apply at once; a stage's options are wrappers (lock) around the stage, taken before its agent. */
    private void options(Closure body) {
        if (collecting && collecting.last() instanceof StageSpec) {
            ((StageSpec) collecting.last()).locks = ((OptionsSpec) collect(new OptionsSpec(), body)).locks
        } else {
            helper.callClosure(body)
        }
    }

    private void environment(Closure body) {
        Map assigned = [:]
        Closure reader = body.rehydrate(new EnvironmentCollector(assigned), body.owner, body.thisObject)
        reader.resolveStrategy = Closure.DELEGATE_FIRST
        helper.callClosure(reader)
        env.putAll(assigned)
    }

    private void runPipeline(Closure body) {
        PipelineSpec pipeline = (PipelineSpec) collect(new PipelineSpec(), body)
        Throwable failure = null
        onAgent(pipeline.agent) {
            failure = runStages(pipeline.stages)
            failure = runPost(pipeline.post, failure, null)
        }
        if (failure != null) {
            throw failure
        }
    }

    private Throwable runStages(List<StageSpec> list) {
        Throwable failure = null
        for (StageSpec spec : list) {
            if (failure != null) {
                stages << [name: spec.name, status: 'skipped (earlier failure)']
                continue
            }
            failure = runStage(spec)
        }
        return failure
    }

    private Throwable runStage(StageSpec spec) {
        Map entry = [name: spec.name, status: 'running', agent: spec.agent]
        stages << entry
        boolean early = spec.when != null && (spec.when.beforeOptions || spec.when.beforeAgent)
        if (spec.when != null && spec.when.beforeOptions && !spec.when.holds()) {
            entry.status = 'skipped (when)'
            return null
        }
        heldLocks.addAll(spec.locks)
        try {
            return runStageInLocks(spec, entry, early)
        } finally {
            spec.locks.each { heldLocks.remove(heldLocks.lastIndexOf(it)) }
        }
    }

    private Throwable runStageInLocks(StageSpec spec, Map entry, boolean early) {
        if (early && spec.when.beforeAgent && !spec.when.beforeOptions && !spec.when.holds()) {
            entry.status = 'skipped (when)'
            return null
        }
        Throwable failure = null
        onAgent(spec.agent) {
            if (spec.when != null && !early && !spec.when.holds()) {
                entry.status = 'skipped (when)'
                return
            }
            try {
                if (spec.stages != null) {
                    failure = runStages(spec.stages)
                } else {
                    if (spec.steps != null) { helper.callClosure(spec.steps) }
                }
            } catch (Throwable thrown) {
                failure = thrown
            }
            markFailed(failure)
            failure = runPost(spec.post, failure, failure)
            entry.status = failure == null ? 'passed' : 'failed'
        }
        return failure
    }

    /** Post conditions in Declarative's order; a condition that throws fails the build but the others still run. */
    private Throwable runPost(Map<String, Closure> conditions, Throwable failure, Throwable stageFailure) {
        Throwable result = failure
        String status = stageFailure != null ? resultOf(stageFailure) : build.currentResult
        for (String condition : POST_ORDER) {
            if (conditions?.containsKey(condition) && applies(condition, status)) {
                try {
                    helper.callClosure(conditions[condition])
                } catch (Throwable thrown) {
                    markFailed(thrown)
                    result = result ?: thrown
                }
            }
        }
        return result
    }

    private static boolean applies(String condition, String status) {
        switch (condition) {
            case ['always', 'cleanup']: return true
            case 'success': return status == 'SUCCESS'
            case 'failure': return status == 'FAILURE'
            case 'unstable': return status == 'UNSTABLE'
            case 'aborted': return status == 'ABORTED'
            case 'unsuccessful': return status != 'SUCCESS'
            default: return false // changed, fixed, regression compare with a previous build the harness has none of
        }
    }

    private void markFailed(Throwable failure) {
        if (failure != null) {
            build.result = resultOf(failure)
        }
    }

    private static String resultOf(Throwable failure) {
        return failure instanceof InterruptedException ? 'ABORTED' : 'FAILURE'
    }

    private void onAgent(Object agent, Closure body) {
        if (agent == null || agent == 'none') {
            helper.callClosure(body)
            return
        }
        onNode(agent instanceof AgentSpec ? ((AgentSpec) agent).label : '', body)
    }

    private Object onNode(String label, Closure body) {
        heldNodes++
        try {
            return helper.callClosure(body)
        } finally {
            heldNodes--
        }
    }

    static class Holder {
        Object agent
        List<StageSpec> stages
        Map<String, Closure> post
    }

    static class PipelineSpec extends Holder {
    }

    static class StageSpec extends Holder {
        String name
        Closure steps
        WhenSpec when
        List<String> locks = []
    }

    static class OptionsSpec {
        final List<String> locks = []
    }

    static class StageList {
        final List<StageSpec> list = []
    }

    static class AgentSpec {
        String label = ''
    }

    static class PostSpec {
        final Map<String, Closure> conditions = [:]
    }

    static class WhenSpec {
        final String mode
        final List<Closure> conditions = []
        boolean beforeAgent
        boolean beforeOptions

        final PipelineTestHelper helper

        WhenSpec(String mode, PipelineTestHelper helper) {
            this.mode = mode
            this.helper = helper
        }

        boolean holds() {
            List<Boolean> values = conditions.collect { helper.callClosure(it) as boolean }
            return mode == 'anyOf' ? values.any() : (mode == 'not' ? !values.every() : values.every())
        }
    }

    /** `environment { NAME = 'value' }`: assignments are captured, reads fall through to the script. */
    static class EnvironmentCollector {
        final Map assigned

        EnvironmentCollector(Map assigned) {
            this.assigned = assigned
        }

        void setProperty(String name, Object value) {
            assigned[name] = value?.toString()
        }
    }
}
