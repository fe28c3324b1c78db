package io.jenkins.plugins.deploygates.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import io.jenkins.plugins.deploygates.engine.health.HealthGateSpec;
import io.jenkins.plugins.deploygates.engine.health.HealthTarget;
import io.jenkins.plugins.deploygates.engine.health.JsonPathAssertion;
import io.jenkins.plugins.deploygates.engine.health.StatusRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code healthGate(url: 'https://api.example.com/health', expectJson: ['$.status == "ok"'], watch: '15m',
 * maxErrorRate: 0.01)}: waits until the endpoints are healthy, optionally watches them, and returns the verdict
 * as a Map; an unhealthy verdict fails the build with its reason. Runs asynchronously ({@link HealthGateExecution}):
 * a waiting gate holds no controller thread.
 *
 * <p>The file is long only because Jenkins binds each of the 25 parameters through its own getter and setter (and
 * the three list parameters through a text twin for the form); what they mean is decided in
 * {@link HealthGateSpec#toConfig()}, and the waiting happens in {@link HealthGateExecution}.
 */
public final class HealthGateStep extends Step {
    private final String url;
    private List<String> urls = new ArrayList<>();
    private String method = "GET";
    private List<String> headers = new ArrayList<>();
    private List<String> credentialHeaders = new ArrayList<>();
    private String expectStatus = "200-299";
    private List<String> expectJson = new ArrayList<>();
    private String expectBody;
    private boolean followRedirects;
    private String crossOriginRedirects;
    private String wsSend;
    private String wsExpect;
    private String wsHold = "0s";
    private String initialDelay = "0s";
    private String interval = "5s";
    /** Null: 5s, or the timeout when that is shorter. */
    private String attemptTimeout;
    private String timeout = "5m";
    private int successThreshold = 1;
    private String watch = "0s";
    private String watchInterval;
    private Double maxErrorRate;
    private String maxP95;
    private Integer maxConsecutiveFailures;
    private boolean failOnUnhealthy = true;
    private String reportDir;

    /** @param url the endpoint to probe; may be empty when {@link #setUrls} gives several */
    @DataBoundConstructor
    public HealthGateStep(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public List<String> getUrls() {
        return urls;
    }

    @DataBoundSetter
    public void setUrls(List<String> urls) {
        this.urls = urls == null ? new ArrayList<>() : new ArrayList<>(urls);
    }

    /** The form's textarea for {@link #setUrls}, one URL per line. */
    public String getUrlsText() {
        return ListText.join(urls);
    }


    public String getMethod() {
        return method;
    }

    @DataBoundSetter
    public void setMethod(String method) {
        this.method = method;
    }

    public List<String> getHeaders() {
        return headers;
    }

    @DataBoundSetter
    public void setHeaders(List<String> headers) {
        this.headers = headers == null ? new ArrayList<>() : new ArrayList<>(headers);
    }

    public List<String> getCredentialHeaders() {
        return credentialHeaders;
    }

    /** Headers whose values come from Secret text credentials, one {@code Name=credentialsId} each. */
    @DataBoundSetter
    public void setCredentialHeaders(List<String> credentialHeaders) {
        this.credentialHeaders = credentialHeaders == null ? new ArrayList<>() : new ArrayList<>(credentialHeaders);
    }

    /** The form's textarea for {@link #setCredentialHeaders}, one Name=credentialsId per line. */
    public String getCredentialHeadersText() {
        return ListText.join(credentialHeaders);
    }

    /** The form's textarea for {@link #setHeaders}, one Name: value per line. */
    public String getHeadersText() {
        return ListText.join(headers);
    }


    public String getExpectStatus() {
        return expectStatus;
    }

    @DataBoundSetter
    public void setExpectStatus(String expectStatus) {
        this.expectStatus = expectStatus;
    }

    public List<String> getExpectJson() {
        return expectJson;
    }

    @DataBoundSetter
    public void setExpectJson(List<String> expectJson) {
        this.expectJson = expectJson == null ? new ArrayList<>() : new ArrayList<>(expectJson);
    }

    /** The form's textarea for {@link #setExpectJson}, one assertion per line. */
    public String getExpectJsonText() {
        return ListText.join(expectJson);
    }


    public String getExpectBody() {
        return expectBody;
    }

    @DataBoundSetter
    public void setExpectBody(String expectBody) {
        this.expectBody = expectBody;
    }

    public boolean isFollowRedirects() {
        return followRedirects;
    }

    @DataBoundSetter
    public void setFollowRedirects(boolean followRedirects) {
        this.followRedirects = followRedirects;
    }

    /** Null (drop-headers) or "refuse"; see the engine's CrossOriginRedirects. */
    public String getCrossOriginRedirects() {
        return crossOriginRedirects;
    }

    @DataBoundSetter
    public void setCrossOriginRedirects(String crossOriginRedirects) {
        this.crossOriginRedirects = crossOriginRedirects == null || crossOriginRedirects.isBlank() ? null
                : crossOriginRedirects.trim();
    }

    public String getWsSend() {
        return wsSend;
    }

    @DataBoundSetter
    public void setWsSend(String wsSend) {
        this.wsSend = wsSend;
    }

    public String getWsExpect() {
        return wsExpect;
    }

    @DataBoundSetter
    public void setWsExpect(String wsExpect) {
        this.wsExpect = wsExpect;
    }

    public String getWsHold() {
        return wsHold;
    }

    @DataBoundSetter
    public void setWsHold(String wsHold) {
        this.wsHold = wsHold;
    }

    public String getInitialDelay() {
        return initialDelay;
    }

    @DataBoundSetter
    public void setInitialDelay(String initialDelay) {
        this.initialDelay = initialDelay;
    }

    public String getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getAttemptTimeout() {
        return attemptTimeout;
    }

    @DataBoundSetter
    public void setAttemptTimeout(String attemptTimeout) {
        this.attemptTimeout = attemptTimeout == null || attemptTimeout.isBlank() ? null : attemptTimeout.trim();
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public int getSuccessThreshold() {
        return successThreshold;
    }

    @DataBoundSetter
    public void setSuccessThreshold(int successThreshold) {
        this.successThreshold = successThreshold;
    }

    public String getWatch() {
        return watch;
    }

    @DataBoundSetter
    public void setWatch(String watch) {
        this.watch = watch;
    }

    public String getWatchInterval() {
        return watchInterval;
    }

    @DataBoundSetter
    public void setWatchInterval(String watchInterval) {
        this.watchInterval = watchInterval;
    }

    public Double getMaxErrorRate() {
        return maxErrorRate;
    }

    @DataBoundSetter
    public void setMaxErrorRate(Double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public String getMaxP95() {
        return maxP95;
    }

    @DataBoundSetter
    public void setMaxP95(String maxP95) {
        this.maxP95 = maxP95;
    }

    public Integer getMaxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    @DataBoundSetter
    public void setMaxConsecutiveFailures(Integer maxConsecutiveFailures) {
        this.maxConsecutiveFailures = maxConsecutiveFailures;
    }

    public boolean isFailOnUnhealthy() {
        return failOnUnhealthy;
    }

    @DataBoundSetter
    public void setFailOnUnhealthy(boolean failOnUnhealthy) {
        this.failOnUnhealthy = failOnUnhealthy;
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        this.reportDir = reportDir == null || reportDir.isBlank() ? null : reportDir.trim();
    }

    /** The gate as plain data, which the execution keeps across a restart. */
    HealthGateSpec toSpec() {
        return new HealthGateSpec().url(url).urls(urls).method(method).headers(headers).expectStatus(expectStatus)
                .expectJson(expectJson).expectBody(expectBody).followRedirects(followRedirects)
                .crossOriginRedirects(crossOriginRedirects).webSocket(wsSend, wsExpect, wsHold)
                .initialDelay(initialDelay).interval(interval)
                .attemptTimeout(attemptTimeout).timeout(timeout).successThreshold(successThreshold).watch(watch)
                .watchInterval(watchInterval).maxErrorRate(maxErrorRate).maxP95(maxP95)
                .maxConsecutiveFailures(maxConsecutiveFailures);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new HealthGateExecution(context, toSpec(), credentialHeaders, failOnUnhealthy, reportDir);
    }

    @Extension
    @Symbol("healthGate")
    public static final class DescriptorImpl extends StepDescriptor {
        /** The form's one-per-line text fields become the lists they edit (see {@link ListText}). */
        @Override
        public Step newInstance(StaplerRequest2 request, JSONObject form) throws FormException {
            return super.newInstance(request, ListText.listsFromForm(form, "urls", "headers", "credentialHeaders",
                    "expectJson"));
        }

        @Override
        public String getFunctionName() {
            return "healthGate";
        }

        @Override
        public String getDisplayName() {
            return "Wait until endpoints are healthy, then watch them for a rollback signal";
        }

        /**
         * No FilePath: outside a node the gate runs on the controller without an executor; inside one it runs on
         * that node's agent, and reportDir writes into its workspace. Run: credentialHeaders are looked up for it.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class, Run.class);
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            return form(value == null || value.isBlank() ? null
                    : StepFailures.check(() -> HealthTarget.builder(value)));
        }

        @POST
        public FormValidation doCheckExpectStatus(@QueryParameter String value) {
            return form(StepFailures.check(() -> StatusRanges.parse(value)));
        }

        @POST
        public FormValidation doCheckCredentialHeaders(@QueryParameter String value) {
            return form(StepFailures.check(() -> CredentialHeaders.parse(ListText.split(value))));
        }

        @POST
        public FormValidation doCheckExpectJson(@QueryParameter String value) {
            return form(StepFailures.check(() -> ListText.split(value).forEach(JsonPathAssertion::parse)));
        }

        @POST
        public FormValidation doCheckInterval(@QueryParameter String value) {
            return duration("interval", value);
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return duration("timeout", value);
        }

        @POST
        public FormValidation doCheckAttemptTimeout(@QueryParameter String value) {
            return duration("attemptTimeout", value);
        }

        @POST
        public FormValidation doCheckWatch(@QueryParameter String value) {
            return duration("watch", value);
        }

        private static FormValidation duration(String name, String value) {
            return form(value == null || value.isBlank() ? null : StepFailures.check(() -> Durations.parse(name, value)));
        }

        private static FormValidation form(String error) {
            return error == null ? FormValidation.ok() : FormValidation.error(error);
        }
    }
}
