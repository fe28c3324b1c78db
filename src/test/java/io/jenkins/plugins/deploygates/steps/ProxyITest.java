package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import hudson.model.Result;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps that call out from the controller go through the HTTP proxy configured in Jenkins: the health gate's
 * probes and the Railway client's requests reach hosts this machine cannot resolve only through it.
 */
@WithJenkins
class ProxyITest {
    private JenkinsRule r;
    private MockWebServer proxy;
    private final List<String> proxied = new ArrayList<>();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        proxy = new MockWebServer();
        proxy.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (proxied) {
                    proxied.add(request.getRequestLine());
                }
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody("{\"status\":\"ok\"}");
            }
        });
        proxy.start();
        r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.getPort()));
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.shutdown();
    }

    @Test
    void aHealthGateOnTheControllerProbesThroughJenkinsProxy() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("healthGate url: 'http://health.deploy-gates.invalid/health',"
                + " expectJson: ['$.status == \"ok\"'], interval: '100ms', timeout: '30s'", true));

        r.buildAndAssertSuccess(job);

        assertThat(proxied).anyMatch(line -> line.startsWith("GET http://health.deploy-gates.invalid/health"));
    }

    @Test
    void theRailwayClientCallsThroughJenkinsProxy() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("withEnv(['RAILWAY_TOKEN=proxy-test-token']) {\n"
                + "  railwayRollback service: 'api', environment: 'production',"
                + " apiUrl: 'http://railway.deploy-gates.invalid', timeout: '20s' }", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job); // the proxy is no Railway: the answer is wrong

        assertThat(proxied).as(JenkinsRule.getLog(build))
                .anyMatch(line -> line.startsWith("POST http://railway.deploy-gates.invalid/graphql/v2"));
    }
}
