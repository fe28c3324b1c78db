package io.jenkins.plugins.deploygates.steps;

import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client the steps' engines build on when they run on the controller: okhttp-api's, which goes through
 * Jenkins' proxy configuration as it is when the step starts (hosts on its "no proxy" list direct). Every step's
 * client derives from one base, so they share its connection pool and threads.
 */
final class JenkinsHttp {
    private static final OkHttpClient BASE = new OkHttpClient();

    private JenkinsHttp() {}

    static OkHttpClient client() {
        return JenkinsOkHttpClient.newClientBuilder(BASE).build();
    }
}
