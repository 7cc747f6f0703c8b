package im.tandem.it.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP fax API (the JDK's HTTP server on loopback) that takes multipart/form-data uploads and keeps each
 * one, with its text fields and files, whatever status it is told to answer with.
 */
final class HttpFaxGateway implements AutoCloseable {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    /** One upload: its headers (lower-case names), text fields, and files by field name. */
    record Upload(Map<String, String> headers, Map<String, String> fields, Map<String, byte[]> files,
            Map<String, String> fileNames) {
    }

    private final HttpServer server;
    private final List<Upload> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    private HttpFaxGateway(HttpServer server) {
        this.server = server;
        server.createContext("/fax", this::handle);
        server.start();
    }

    static HttpFaxGateway start() {
        try {
            return new HttpFaxGateway(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test fax gateway", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fax";
    }

    void answer(int statusCode) {
        this.status = statusCode;
    }

    List<Upload> received() {
        return List.copyOf(received);
    }

    List<Upload> await(int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (received.size() >= count) {
                return received();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " fax uploads within " + limit + ", got " + received.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> fileNames = new LinkedHashMap<>();
        Matcher boundary = BOUNDARY.matcher(headers.getOrDefault("content-type", ""));
        if (boundary.find()) {
            parse(body, boundary.group(1), fields, files, fileNames);
        }
        received.add(new Upload(headers, fields, files, fileNames));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Splits a multipart/form-data body at its boundary; each part's headers end at the first empty line. */
    private static void parse(byte[] body, String boundary, Map<String, String> fields, Map<String, byte[]> files,
            Map<String, String> fileNames) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter has no line break before it.
        byte[] whole = new byte[body.length + 2];
        whole[0] = '\r';
        whole[1] = '\n';
        System.arraycopy(body, 0, whole, 2, body.length);
        int at = indexOf(whole, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= whole.length && whole[start] == '-' && whole[start + 1] == '-') {
                return;
            }
            start += 2;
            int next = indexOf(whole, delimiter, start);
            if (next < 0) {
                return;
            }
            int headersEnd = indexOf(whole, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            String partHeaders = new String(whole, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            byte[] content = Arrays.copyOfRange(whole, headersEnd + 4, next);
            Matcher name = NAME.matcher(partHeaders);
            Matcher fileName = FILE_NAME.matcher(partHeaders);
            if (name.find()) {
                if (fileName.find()) {
                    files.put(name.group(1), content);
                    fileNames.put(name.group(1), fileName.group(1));
                } else {
                    fields.put(name.group(1), new String(content, StandardCharsets.UTF_8));
                }
            }
            at = next;
        }
    }

    private static int indexOf(byte[] data, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= data.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
