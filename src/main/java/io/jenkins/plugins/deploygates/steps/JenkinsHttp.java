package io.jenkins.plugins.deploygates.steps;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.deploygates.engine.railway.RailwayEndpoints;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/**
 * The HTTP clients the steps' engines build on when they run on the controller. OkHttp: okhttp-api's, which goes
 * through Jenkins' proxy configuration as it is when the step starts (hosts on its "no proxy" list direct); every
 * step's client derives from one base, so they share its connection pool and threads. The JDK's, for Railway's
 * subscription (a WebSocket whose messages are counted as they arrive): one for the controller, through Jenkins'
 * proxy read at each connection ({@link JenkinsProxy}), on threads that pin no build's class loader.
 */
final class JenkinsHttp {
    private static final OkHttpClient BASE = new OkHttpClient();

    private JenkinsHttp() {}

    static OkHttpClient client() {
        return JenkinsOkHttpClient.newClientBuilder(BASE).build();
    }

    static HttpClient webSockets() {
        return WebSockets.CLIENT;
    }

    /** Built on first use: a controller that never follows a Railway deployment starts none of its threads. */
    private static final class WebSockets {
        static final HttpClient CLIENT = RailwayEndpoints.webSocketClient(HttpClient.newBuilder()
                .proxy(new JenkinsProxy())
                .authenticator(new JenkinsProxy.Login())
                .executor(Executors.newCachedThreadPool(new NamingThreadFactory(new ClassLoaderSanityThreadFactory(
                        new DaemonThreadFactory()), "Deploy Gates Railway subscriptions"))));
    }
}
