package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.testing.LoopbackPeers;
import io.jenkins.plugins.deploygates.testing.WebSocketWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Railway's address played by a peer no library would play, on a raw loopback socket: its subscription endpoint
 * accepts {@code graphql-transport-ws}, acknowledges, and then does what the test chose (a message that never ends,
 * one just too large, small messages in the same write as the 101). Its GraphQL answers that deployment
 * {@value #DEPLOYMENT_ID} is BUILDING to a status read beside the subscription and SUCCESS to a polling round, so a
 * follower that falls back to polling gets its verdict.
 */
final class HostileRailway implements AutoCloseable {
    static final String DEPLOYMENT_ID = "dep-hostile";
    static final String ACK = "{\"type\":\"connection_ack\"}";

    /** What the subscription endpoint writes once the upgrade request has been read. */
    interface Subscription {
        void write(OutputStream out, byte[] switchingProtocols) throws Exception;
    }

    private final LoopbackPeers peers = new LoopbackPeers();
    private final List<String> upgrades = new CopyOnWriteArrayList<>();
    private final int port;

    private HostileRailway(Subscription subscription) throws IOException {
        port = peers.serve((in, out, head) -> {
            if (head.startsWith("GET ") && "websocket".equalsIgnoreCase(WebSocketWire.header(head, "upgrade"))) {
                upgrades.add(head);
                subscription.write(out, WebSocketWire.switchingProtocols(head,
                        "Sec-WebSocket-Protocol: " + DeploymentSubscription.PROTOCOL + "\r\n"));
            } else {
                answer(out, operation(in, head));
            }
        });
    }

    /** Acknowledges, then sends one text message announced as a terabyte, without end. */
    static HostileRailway endlessMessage() throws IOException {
        byte[] payload = "e".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        return new HostileRailway((out, switching) -> {
            afterHandshake(out, switching);
            out.write(WebSocketWire.textFrame(ACK));
            out.write(WebSocketWire.textFrameHead(1L << 40));
            while (true) {
                out.write(payload);
            }
        });
    }

    /** Acknowledges, then sends these messages and keeps the connection open. */
    static HostileRailway sending(String... messages) throws IOException {
        return new HostileRailway((out, switching) -> {
            afterHandshake(out, switching);
            out.write(WebSocketWire.textFrame(ACK));
            for (String m : messages) {
                out.write(WebSocketWire.textFrame(m));
            }
            out.flush();
            Thread.sleep(60_000);
        });
    }

    /** Sends the 101, the acknowledgement and these messages in one write, as a quick server may. */
    static HostileRailway sendingWithTheHandshake(String... messages) throws IOException {
        return new HostileRailway((out, switching) -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(switching);
            all.writeBytes(WebSocketWire.textFrame(ACK));
            for (String m : messages) {
                all.writeBytes(WebSocketWire.textFrame(m));
            }
            out.write(all.toByteArray());
            out.flush();
            Thread.sleep(60_000);
        });
    }

    /**
     * The 101, then a pause before anything else: JDK 17's client sometimes misframed a flood landing in the same read
     * as the 101 (see FloodingPeers), and a flood is what these peers test, not that.
     */
    private static void afterHandshake(OutputStream out, byte[] switching) throws Exception {
        out.write(switching);
        out.flush();
        Thread.sleep(30);
    }

    /** A {@code next} message of the status subscription. */
    static String status(String status) {
        return "{\"id\":\"status\",\"type\":\"next\",\"payload\":{\"data\":{\"deployment\":{\"id\":\"" + DEPLOYMENT_ID
                + "\",\"status\":\"" + status + "\",\"deploymentStopped\":false}}}}";
    }

    /** A {@code next} message of the deploy logs subscription holding these lines (timestamps in order). */
    static String deployLogs(List<String> lines) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            rows.append(i == 0 ? "" : ",").append("{\"timestamp\":\"")
                    .append(String.format("2026-11-24T12:00:00.%09dZ", i)).append("\",\"message\":")
                    .append(Json.MAPPER.valueToTree(lines.get(i)).toString()).append("}");
        }
        return "{\"id\":\"deploy\",\"type\":\"next\",\"payload\":{\"data\":{\"deploymentLogs\":[" + rows + "]}}}";
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The head of every upgrade request received. */
    List<String> upgrades() {
        return upgrades;
    }

    private static String operation(InputStream in, String head) throws IOException {
        String length = WebSocketWire.header(head, "content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return Json.MAPPER.readTree(body).path("operationName").asText("");
    }

    private static void answer(OutputStream out, String operation) throws IOException {
        String status = operation.equals("Deployment") ? "BUILDING" : "SUCCESS";
        byte[] body = ("{\"data\":{\"deployment\":{\"id\":\"" + DEPLOYMENT_ID + "\",\"status\":\"" + status
                + "\"},\"buildLogs\":[],\"deploymentLogs\":[]}}").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        peers.close();
    }
}
