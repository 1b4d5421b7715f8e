package io.kvrotator.vault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import io.kvrotator.support.WholeBody;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a vault's secrets or certificates list (Key Vault REST {@code GET /secrets}, {@code GET /certificates}, 25 to
 * a page, following {@code nextLink}) over the vault's pipeline, each page in one pass ({@link ListPage}). The
 * daily sweep lists every item of every vault: the SDK's listing parses each page three times (into maps, back to
 * JSON per item, into its model), which was a fifth of a sweep's CPU in a worker that only has the client compiler.
 */
final class VaultListing {

    static final String API_VERSION = "7.5";

    private VaultListing() {
    }

    /** Every entry of {@code collection} of the vault at {@code vaultUrl}. */
    static List<ListedItem> list(HttpPipeline pipeline, String vaultUrl, String vault, VaultCollection collection) {
        String what = "the " + collection.path() + " list of vault " + vault;
        List<String> itemPaths = itemPaths(vaultUrl, collection);
        URI vaultUri = URI.create(vaultUrl);
        List<ListedItem> items = new ArrayList<>();
        Set<String> read = new HashSet<>();
        String url = vaultUrl + "/" + collection.path() + "?api-version=" + API_VERSION + "&maxresults=25";
        while (url != null) {
            read.add(url);
            ListPage page = ListPage.parse(get(pipeline, url), itemPaths, what);
            items.addAll(page.items());
            if (page.nextLink() != null && (read.contains(page.nextLink()) || !sameVault(page.nextLink(), vaultUri))) {
                // The bearer token must go to this vault only, and pages that name each other would never end.
                throw new IllegalStateException(what + " named a next page that is not another page of this vault");
            }
            url = page.nextLink();
        }
        return items;
    }

    /**
     * True when {@code link} is on the vault's host and port (443 spelled out or not: Key Vault's own nextLinks
     * carry {@code :443}) and under its path.
     */
    static boolean sameVault(String link, String vaultUrl) {
        return sameVault(link, URI.create(vaultUrl));
    }

    private static boolean sameVault(String link, URI vault) {
        try {
            URI next = URI.create(link);
            return next.getScheme() != null && next.getScheme().equalsIgnoreCase(vault.getScheme())
                    && next.getHost() != null
                    && next.getHost().equalsIgnoreCase(vault.getHost()) && port(next) == port(vault)
                    && next.getUserInfo() == null
                    && (next.getRawPath() + "/").startsWith(withoutTrailingSlashes(vault.getRawPath()) + "/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static byte[] get(HttpPipeline pipeline, String url) {
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), WholeBody.READ)) {
            BinaryData body = response.getBodyAsBinaryData();
            byte[] bytes = body == null ? new byte[0] : body.toBytes();
            if (response.getStatusCode() != 200) {
                throw new HttpResponseException("Status code " + response.getStatusCode() + ", "
                        + new String(bytes, StandardCharsets.UTF_8), response);
            }
            return bytes;
        }
    }

    /**
     * Where an entry's ID names it: {@code /secrets/} in {@code https://{vault}.vault.azure.net/secrets/{name}}, as
     * Key Vault writes IDs whatever address it was called at; and under a path-style vault URL's own path (a
     * loopback stand-in's {@code https://127.0.0.1:8443/{vault}}), which comes first.
     */
    static List<String> itemPaths(String vaultUrl, VaultCollection collection) {
        String vaultPath = withoutTrailingSlashes(Objects.requireNonNullElse(URI.create(vaultUrl).getRawPath(), ""));
        String itemPath = "/" + collection.path() + "/";
        return vaultPath.isEmpty() ? List.of(itemPath) : List.of(vaultPath + itemPath, itemPath);
    }

    private static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
