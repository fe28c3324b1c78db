package io.jenkins.plugins.deploygates.testing;

/** The config.xml of a Pipeline job, as Jenkins saves one made in its UI. */
final class JobConfig {
    private JobConfig() {}

    /** The script inline, run in the Groovy sandbox (what a user without Overall/Administer gets). */
    static String inline(String script) {
        return job("<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">"
                + "<script>" + escape(script) + "</script><sandbox>true</sandbox></definition>");
    }

    /** "Pipeline script from SCM": the Jenkinsfile at {@code scriptPath} on branch main of a git repository. */
    static String fromGit(String url, String scriptPath) {
        return job("<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition\" plugin=\"workflow-cps\">"
                + "<scm class=\"hudson.plugins.git.GitSCM\" plugin=\"git\"><configVersion>2</configVersion>"
                + "<userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>" + escape(url)
                + "</url></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>"
                + "<branches><hudson.plugins.git.BranchSpec><name>*/main</name></hudson.plugins.git.BranchSpec></branches>"
                + "<doGenerateSubmoduleConfigurations>false</doGenerateSubmoduleConfigurations>"
                + "<submoduleCfg class=\"empty-list\"/><extensions/></scm>"
                + "<scriptPath>" + escape(scriptPath) + "</scriptPath><lightweight>true</lightweight></definition>");
    }

    private static String job(String definition) {
        return "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin=\"workflow-job\">"
                + "<description>made by the deploy-gates tests</description><keepDependencies>false</keepDependencies>"
                + "<properties/>" + definition + "<triggers/><disabled>false</disabled></flow-definition>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
