package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.testing.LoopbackPeers;
import io.jenkins.plugins.deploygates.testing.WebSocketWire;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hostile peers on loopback that never stop sending: WebSocket floods (many messages, or one endless frame), an
 * endless HTTP body and endless HTTP headers. Each connection is served until the client goes away.
 */
public final class FloodingPeers implements AutoCloseable {
    /** What a peer writes after reading the request head. */
    interface Flood {
        void write(OutputStream out, String requestHead) throws Exception;
    }

    private final LoopbackPeers peers = new LoopbackPeers();

    /** A WebSocket that, once upgraded, sends 60 KB text messages without end. */
    public String webSocketFlood() throws IOException {
        return webSocketFlood(head -> "f".repeat(60_000));
    }

    /**
     * A WebSocket that floods 60 KB-or-so messages made from the upgrade request it got (a peer that echoes the
     * credentials it was sent).
     */
    public String webSocketFlood(java.util.function.Function<String, String> message) throws IOException {
        return "ws://127.0.0.1:" + serve((out, head) -> {
            byte[] frame = WebSocketWire.textFrame(message.apply(head));
            upgrade(out, head);
            // JDK 17's client sometimes misframes a flood that lands in the same read as the 101 (about 1 run in
            // 100 failed "Invalid UTF-8 in frame TEXT"); that is not what the cap tests, so the flood starts after.
            Thread.sleep(30);
            while (true) {
                out.write(frame);
            }
        }) + "/socket";
    }

    /** A WebSocket that announces one text message of a terabyte and sends it. */
    String webSocketEndlessMessage() throws IOException {
        byte[] payload = "e".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        return "ws://127.0.0.1:" + serve((out, head) -> {
            upgrade(out, head);
            out.write(WebSocketWire.textFrameHead(1L << 40));
            while (true) {
                out.write(payload);
            }
        }) + "/socket";
    }

    /** A WebSocket that sends these text frames (fragments when {@code fin} is false) after each message it gets. */
    String webSocketAnswering(Frame... frames) throws IOException {
        return "ws://127.0.0.1:" + serve((out, head) -> {
            upgrade(out, head);
            while (true) {
                Thread.sleep(50);
                for (Frame f : frames) {
                    byte[] payload = f.text.getBytes(StandardCharsets.UTF_8);
                    out.write(new byte[] {(byte) ((f.fin ? 0x80 : 0) | (f.continuation ? 0 : 1)), (byte) payload.length});
                    out.write(payload);
                }
                out.flush();
                Thread.sleep(60_000);
            }
        }) + "/socket";
    }

    /** A WebSocket that answers with one text frame whose bytes are not UTF-8, as a broken server would. */
    String webSocketSendingBadText() throws IOException {
        return "ws://127.0.0.1:" + serve((out, head) -> {
            upgrade(out, head);
            Thread.sleep(30);
            out.write(new byte[] {(byte) 0x81, 2, (byte) 0xC3, 0x28});
            out.flush();
            Thread.sleep(60_000);
        }) + "/socket";
    }

    /** One text frame of at most 125 bytes: the first of a message unless {@code continuation}. */
    record Frame(String text, boolean continuation, boolean fin) {}

    /** HTTP 200 with a chunked body that never ends. */
    String httpEndlessBody() throws IOException {
        byte[] chunk = ("ea60\r\n" + "b".repeat(60_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return "http://127.0.0.1:" + serve((out, head) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(chunk);
            }
        }) + "/health";
    }

    /** An HTTP status line followed by headers without end. */
    String httpEndlessHeaders() throws IOException {
        byte[] header = ("X-Padding: " + "h".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return "http://127.0.0.1:" + serve((out, head) -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(header);
            }
        }) + "/health";
    }

    private int serve(Flood flood) throws IOException {
        return peers.serve((in, out, head) -> flood.write(out, head));
    }

    private static void upgrade(OutputStream out, String head) throws IOException {
        out.write(WebSocketWire.switchingProtocols(head, ""));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        peers.close();
    }
}
