package io.github.memflame.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK's WebSocket client and
 * Jackson: launched with {@code --remote-debugging-port=0}, it writes the port it chose to
 * {@code DevToolsActivePort} in its profile directory; the test connects to its one page target.
 *
 * <p>Every command and every wait has a timeout; {@link #close()} ends the browser process (and the processes it
 * started, by their ids) and removes the temporary profile, and a shutdown hook does the same if the JVM exits
 * first.
 */
final class Chromium implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Thread shutdownHook;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<String, List<Consumer<JsonNode>>> handlers = new ConcurrentHashMap<>();
    /** Runs event handlers off the socket's thread, so that a handler may send commands. */
    private final ExecutorService eventThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdp-events");
        thread.setDaemon(true);
        return thread;
    });

    private Chromium(Process process, Path profile, Thread shutdownHook, String pageSocketUrl)
            throws IOException {
        this.process = process;
        this.profile = profile;
        this.shutdownHook = shutdownHook;
        try {
            this.socket = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().newWebSocketBuilder()
                    .connectTimeout(TIMEOUT).buildAsync(URI.create(pageSocketUrl), new Listener())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to Chromium's DevTools socket " + pageSocketUrl + ": " + e, e);
        }
    }

    /**
     * The Chromium to test with: {@code -Dmemflame.chromium=PATH} or the {@code CHROMIUM} environment variable when
     * set, else the first of {@code chromium}, {@code chromium-browser} and {@code google-chrome} on the PATH.
     */
    static Optional<Path> find() {
        String configured = System.getProperty("memflame.chromium", System.getenv("CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts a headless Chromium with a fresh profile; its own output goes to {@code log}. */
    static Chromium launch(Path executable, Path log) throws IOException {
        Path profile = Files.createTempDirectory("memflame-chromium-");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--hide-scrollbars", "--window-size=1280,900", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "about:blank");
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        Thread hook = new Thread(() -> kill(process, profile), "chromium-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int port = waitForPort(process, profile.resolve("DevToolsActivePort"), log);
            return new Chromium(process, profile, hook, pageSocketUrl(port));
        } catch (IOException | RuntimeException | Error e) {
            kill(process, profile);
            removeHook(hook);
            throw e;
        }
    }

    private static int waitForPort(Process process, Path portFile, Path log) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with status " + process.exitValue()
                        + " before opening its DevTools port; see " + log);
            }
            if (Files.isRegularFile(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (lines.size() >= 2 && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            sleep(50);
        }
        throw new IOException("Chromium did not open its DevTools port within " + TIMEOUT + "; see " + log);
    }

    private static String pageSocketUrl(int port) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(TIMEOUT).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(body)) {
                    if ("page".equals(target.path("type").asText()) && target.has("webSocketDebuggerUrl")) {
                        return target.get("webSocketDebuggerUrl").asText();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for Chromium's page", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Chromium on port " + port + " has no page target");
            }
            sleep(50);
        }
    }

    /** Sends a command and waits for its result; a protocol error or a timeout fails the test. */
    JsonNode send(String method, ObjectNode params) {
        try {
            return sendAsync(method, params).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + method, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + TIMEOUT, e);
        }
    }

    JsonNode send(String method) {
        return send(method, params());
    }

    CompletableFuture<JsonNode> sendAsync(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            String text = JSON.writeValueAsString(message);
            synchronized (socket) {
                // One message at a time: the WebSocket refuses a send while another is in progress.
                socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            pending.remove(id);
            result.completeExceptionally(e);
        }
        return result;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Calls {@code handler} (on the event thread) for every later event named {@code method}. */
    void on(String method, Consumer<JsonNode> handler) {
        handlers.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** The next event named {@code method}, once it arrives. */
    CompletableFuture<JsonNode> next(String method) {
        CompletableFuture<JsonNode> next = new CompletableFuture<>();
        List<Consumer<JsonNode>> list = handlers.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>());
        List<Consumer<JsonNode>> self = new ArrayList<>(1);
        self.add(params -> {
            next.complete(params);
            list.remove(self.get(0));
        });
        list.add(self.get(0));
        return next;
    }

    /** Every event received since the last {@link #clearEvents()}, oldest first. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    void clearEvents() {
        events.clear();
    }

    static JsonNode await(CompletableFuture<JsonNode> future, String what) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no " + what + " within " + TIMEOUT, e);
        }
    }

    /** Loads {@code url} and waits for its load event. */
    void navigate(String url) {
        CompletableFuture<JsonNode> loaded = next("Page.loadEventFired");
        JsonNode result = send("Page.navigate", params().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
        }
        await(loaded, "load event of " + url);
    }

    /**
     * Evaluates a script expression in the page and returns its value (promises awaited, the value passed as
     * JSON); an exception thrown by the expression fails the test.
     */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true).put("userGesture", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            throw new IllegalStateException("the script threw: "
                    + details.path("exception").path("description").asText(details.path("text").asText())
                    + "\n" + expression);
        }
        return result.path("result").path("value");
    }

    /** A real left click: the mouse moves to, presses and releases at the viewport point. */
    void click(double x, double y) {
        send("Input.dispatchMouseEvent", params().put("type", "mouseMoved").put("x", x).put("y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", params().put("type", type).put("x", x).put("y", y)
                    .put("button", "left").put("buttons", type.equals("mousePressed") ? 1 : 0).put("clickCount", 1));
        }
    }

    /** Presses and releases a key with modifiers (1 Alt, 2 Ctrl, 4 Meta, 8 Shift), as a keyboard would. */
    void key(String key, String code, int keyCode, int modifiers) {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            send("Input.dispatchKeyEvent", params().put("type", type).put("modifiers", modifiers).put("key", key)
                    .put("code", code).put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
        }
    }

    /** A PNG of the top left {@code width} x {@code height} CSS pixels of the page, beyond the viewport too. */
    byte[] screenshot(double width, double height) {
        ObjectNode params = params().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip").put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
        JsonNode result = send("Page.captureScreenshot", params);
        return Base64.getDecoder().decode(result.get("data").asText());
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            eventThread.shutdownNow();
            kill(process, profile);
            removeHook(shutdownHook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** Ends the browser and the processes it started, by their ids, then removes its profile. */
    private static void kill(Process process, Path profile) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // gone already, or stuck in the kernel: nothing more to do from here
            }
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                List<Path> all = new ArrayList<>(paths.toList());
                all.sort(Comparator.reverseOrder());
                for (Path path : all) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException stillInUse) {
                // a child that was just killed may still be writing; try again
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("the DevTools socket closed: " + statusCode + " " + reason));
            return null;
        }

        private void failAll(Throwable error) {
            pending.values().forEach(future -> future.completeExceptionally(error));
            pending.clear();
        }

        private void dispatch(String text) {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            if (node.has("id")) {
                CompletableFuture<JsonNode> future = pending.remove(node.get("id").asInt());
                if (future != null) {
                    if (node.has("error")) {
                        future.completeExceptionally(new IOException(node.get("error").toString()));
                    } else {
                        future.complete(node.path("result"));
                    }
                }
                return;
            }
            String method = node.path("method").asText();
            events.add(node);
            List<Consumer<JsonNode>> list = handlers.get(method);
            if (list != null && !list.isEmpty()) {
                JsonNode params = node.path("params");
                eventThread.execute(() -> list.forEach(handler -> handler.accept(params)));
            }
        }
    }
}
