package io.jenkins.plugins.deploygates.steps;

import hudson.ProxyConfiguration;
import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Jenkins' HTTP proxy (Manage Jenkins › Plugins › Advanced) for the JDK HTTP clients on the controller (the one its
 * health gates share, the one of Railway's subscriptions), read at each request, so a change of the proxy settings
 * applies without a restart; hosts on the proxy's "no proxy" list go direct, as for Jenkins' own requests.
 */
final class JenkinsProxy extends ProxySelector {
    @Override
    public List<Proxy> select(URI uri) {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        return List.of(proxy == null || uri.getHost() == null ? Proxy.NO_PROXY : proxy.createProxy(uri.getHost()));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
        // the request fails with its own error, which the gate reports as a failed probe
    }

    /** Answers the proxy's challenge with the configured login, and nothing else's. */
    static final class Login extends Authenticator {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            ProxyConfiguration proxy = Jenkins.get().getProxy();
            if (getRequestorType() != RequestorType.PROXY || proxy == null || proxy.getUserName() == null) {
                return null;
            }
            return new PasswordAuthentication(proxy.getUserName(), proxy.getSecretPassword().getPlainText().toCharArray());
        }
    }
}
