package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.json.JSONObject;
import org.assertj.core.api.SoftAssertions;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Each step's Snippet Generator form as a user gets it: picked from the step list, its form renders with every
 * parameter's field and help, and what the form sends generates a snippet naming each parameter once, lists as
 * lists (a textarea of two lines becomes a list of two items).
 */
@WithJenkins
class SnippetGeneratorITest {
    private static final Pattern FIELD = Pattern.compile("field=\"(\\w+)\"");

    /** A step, the values typed into its form (a list as lines of a textarea), and the snippet it must give. */
    record Form(Class<? extends Step> step, String symbol, Map<String, String> typed, String snippet) {}

    static List<Form> forms() {
        return List.of(
                new Form(HealthGateStep.class, "healthGate", typed("url", "https://api.example/health",
                        "expectJson", "$.status == \"ok\"\n  \n$.db exists", "timeout", "2m"),
                        "healthGate expectJson: ['$.status == \"ok\"', '$.db exists'], timeout: '2m', url: 'https://api.example/health'"),
                new Form(RailwayUpStep.class, "railwayUp", typed("service", "api", "requiredVariables", "DATABASE_URL\nREDIS_URL"),
                        "railwayUp requiredVariables: ['DATABASE_URL', 'REDIS_URL'], service: 'api'"),
                new Form(RailwayRollbackStep.class, "railwayRollback", typed("service", "api", "to", "dep-7"),
                        "railwayRollback service: 'api', to: 'dep-7'"),
                new Form(DockerRebuildStep.class, "dockerRebuild", typed("file", "compose.yml", "stableFor", "30s"),
                        "dockerRebuild file: 'compose.yml', stableFor: '30s'"),
                new Form(DockerRollbackStep.class, "dockerRollback", typed("file", "compose.yml"),
                        "dockerRollback 'compose.yml'"),
                new Form(SmokeAuthFlowStep.class, "smokeAuthFlow", typed("baseUrl", "https://app.example",
                        "email", "smoke@app.example", "overrides", "mePath=/api/v2/me\nmeExpect=200"),
                        "smokeAuthFlow baseUrl: 'https://app.example', email: 'smoke@app.example', overrides: ['mePath=/api/v2/me', 'meExpect=200']"),
                new Form(DeployGatesReportStep.class, "deployGatesReport", typed("dir", "reports"),
                        "deployGatesReport dir: 'reports'"));
    }

    private static Map<String, String> typed(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void everyFormRendersWithItsHelpAndGeneratesEachParameterOnce(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        SoftAssertions softly = new SoftAssertions();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            for (Form form : forms()) {
                HtmlPage page = pick(wc.getPage(job, "pipeline-syntax/"), form.symbol());
                wc.waitForBackgroundJavaScript(10_000);
                for (String field : fields(form.step())) {
                    softly.assertThat(page.getElementsByName("_." + field)).as(form.symbol() + " form field " + field).isNotEmpty();
                    softly.assertThat(wc.goTo("descriptorByName/" + form.step().getName() + "/help/" + field)
                            .getWebResponse().getContentAsString()).as(form.symbol() + " help of " + field).isNotBlank();
                }
                softly.assertThat(generate(wc, job, form)).as(form.symbol() + " snippet").isEqualTo(form.snippet());
            }
        }
        softly.assertAll();
    }

    /**
     * What "Generate Pipeline Script" answers for the form's fields as the browser sends them: the page's script
     * serializes the form into this object (each field by its name, a textarea as its text) and posts it.
     */
    private static String generate(JenkinsRule.WebClient wc, WorkflowJob job, Form form) throws Exception {
        JSONObject fields = new JSONObject().element("stapler-class", form.step().getName())
                .element("$class", form.step().getName());
        form.typed().forEach(fields::element);
        WebRequest request = new WebRequest(new URL(job.getAbsoluteUrl() + "pipeline-syntax/generateSnippet"), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", fields.toString())));
        // loaded beside the page, which stays in the window for the next step
        WebResponse answer = wc.loadWebResponse(wc.addCrumb(request));
        assertThat(answer.getStatusCode()).as(form.symbol() + " generateSnippet status").isEqualTo(200);
        return answer.getContentAsString();
    }

    private static HtmlPage pick(HtmlPage page, String symbol) throws Exception {
        for (Object found : page.getByXPath("//select[contains(@class, 'dropdownList')]")) {
            HtmlSelect steps = (HtmlSelect) found;
            for (HtmlOption option : steps.getOptions()) {
                if (option.getText().startsWith(symbol + ":")) {
                    return steps.setSelectedAttribute(option, true);
                }
            }
        }
        throw new AssertionError("the Snippet Generator lists no step " + symbol);
    }

    private static List<String> fields(Class<?> step) throws Exception {
        try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/config.jelly")) {
            Matcher m = FIELD.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> fields = new ArrayList<>();
            while (m.find()) {
                fields.add(m.group(1));
            }
            assertThat(fields).as(step.getSimpleName() + " fields").isNotEmpty();
            return fields;
        }
    }
}
