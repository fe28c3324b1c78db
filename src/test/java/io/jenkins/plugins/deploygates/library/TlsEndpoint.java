package io.jenkins.plugins.deploygates.library;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** An HTTPS endpoint on loopback whose certificate expires after a given time, for the nightly TLS check. */
final class TlsEndpoint implements AutoCloseable {
    private final HttpsServer server;

    private TlsEndpoint(Duration validFor) throws IOException {
        HeldCertificate certificate = new HeldCertificate.Builder().commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").duration(validFor.toMinutes(), TimeUnit.MINUTES).build();
        HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    static TlsEndpoint expiringIn(Duration validFor) throws IOException {
        return new TlsEndpoint(validFor);
    }

    /** What the nightly check's {@code tlsHost} takes: {@code 127.0.0.1:port}. */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
