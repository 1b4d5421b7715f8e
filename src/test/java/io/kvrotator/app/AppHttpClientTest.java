package io.kvrotator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppHttpClientTest {

    @Test
    @DisplayName("a write whose answer is lost on a reused connection is sent once: the HTTP client never sends it"
            + " again by itself (a key regeneration resent behind the rotation's back would leave a dead key stored)")
    void lostAnswerIsNotResent() throws Exception {
        try (OneWriteAnswered server = new OneWriteAnswered(null)) {
            HttpClient client = answeredOnce(server);

            assertThatThrownBy(() -> client.sendSync(post(server), Context.NONE).close())
                    .as("the second answer is lost: the caller is told, not answered by a silent second send")
                    .hasRootCauseInstanceOf(IOException.class);

            assertThat(server.writesReceived()).as("the answered write, then the lost one, once").isEqualTo(2);
            assertThat(server.connections()).as("the second write went over the first write's kept-alive connection")
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a write answered 503 with Retry-After: 0 is sent once: the caller's retry policy decides (OkHttp"
            + " sends such a request again by itself, which is why azure-core does not use it here)")
    void unavailableIsNotResent() throws Exception {
        String unavailable = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n";
        try (OneWriteAnswered server = new OneWriteAnswered(unavailable)) {
            HttpClient client = answeredOnce(server);

            try (HttpResponse second = client.sendSync(post(server), Context.NONE)) {
                assertThat(second.getStatusCode()).isEqualTo(503);
            }

            assertThat(server.writesReceived()).as("the answered write, then the refused one, once").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the client is built on its first request (or by the warm-up), not with the context, and then kept")
    void builtOnFirstRequest() throws Exception {
        AppHttpClient.BuiltOnFirstRequest client = AppHttpClient.create(Duration.ofSeconds(5));
        assertThat(client.client().isBuilt()).isFalse();

        try (OneWriteAnswered server = new OneWriteAnswered(null);
             HttpResponse answer = client.sendSync(post(server), Context.NONE)) {
            assertThat(answer.getStatusCode()).isEqualTo(200);
        }

        assertThat(client.client().isBuilt()).isTrue();
        HttpClient built = client.client().get();
        client.build();
        assertThat(client.client().get()).isSameAs(built);
    }

    /** The app's client, after one write the server answered 200, which leaves a connection to reuse. */
    private static HttpClient answeredOnce(OneWriteAnswered server) {
        HttpClient client = AppHttpClient.create(Duration.ofSeconds(5));
        try (HttpResponse first = client.sendSync(post(server), Context.NONE)) {
            assertThat(first.getStatusCode()).isEqualTo(200);
            assertThat(first.getBodyAsBinaryData().toString()).isEqualTo("ok");
        }
        return client;
    }

    private static HttpRequest post(OneWriteAnswered server) {
        return new HttpRequest(HttpMethod.POST, "http://127.0.0.1:" + server.port() + "/regenerateKey")
                .setBody(BinaryData.fromString("{\"keyName\":\"key1\"}")).setHeader("Content-Type", "application/json");
    }

    /**
     * Answers the first request with 200, and every later one with {@code laterAnswer} (raw HTTP), or drops the
     * connection unanswered when that is null.
     */
    private static final class OneWriteAnswered implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger writes = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "one-write-answered");
        private final String laterAnswer;

        OneWriteAnswered(String laterAnswer) throws IOException {
            this.laterAnswer = laterAnswer;
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Waits a little first: a request sent again by the client arrives after the caller has its answer. */
        int writesReceived() throws InterruptedException {
            Thread.sleep(300);
            return writes.get();
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    serve(connection);
                } catch (IOException e) {
                    // closed by the test, or by the client: the next connection is served
                }
            }
        }

        private void serve(Socket connection) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = readHead(in);
                if (length < 0) {
                    return;
                }
                in.skip(length);
                String answer = writes.incrementAndGet() == 1 ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        : laterAnswer;
                if (answer == null) {
                    return;
                }
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        /** The request's Content-Length, or -1 when the connection ended first. */
        private static int readHead(BufferedReader in) throws IOException {
            int length = 0;
            String line = in.readLine();
            if (line == null) {
                return -1;
            }
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            return line == null ? -1 : length;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
