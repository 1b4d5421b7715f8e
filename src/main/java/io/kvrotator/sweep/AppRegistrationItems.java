package io.kvrotator.sweep;

import com.microsoft.graph.models.Application;
import com.microsoft.graph.models.ApplicationCollectionResponse;
import com.microsoft.graph.models.KeyCredential;
import com.microsoft.graph.models.PasswordCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The password and key credentials of app registrations, from one paged {@code GET /applications} with
 * {@code $select}. Which applications that returns is the identity's Graph permission: with
 * {@code Application.ReadWrite.OwnedBy} (what rotating app secrets needs) the ones it owns. Owners come from
 * application tags written like the Key Vault tags: {@code Owner=team@contoso.com}, {@code NotifyTo=...}.
 */
public final class AppRegistrationItems implements ItemSource {

    private static final String[] SELECT = {"id", "appId", "displayName", "passwordCredentials", "keyCredentials",
            "tags"};

    private final Supplier<GraphServiceClient> graph;
    private final Set<String> onlyObjectIds;

    /** @param onlyObjectIds the applications to check, by object ID (lower case); empty: every one listed */
    public AppRegistrationItems(Supplier<GraphServiceClient> graph, Set<String> onlyObjectIds) {
        this.graph = graph;
        this.onlyObjectIds = Set.copyOf(onlyObjectIds);
    }

    @Override
    public String scope() {
        return "app-registrations";
    }

    @Override
    public boolean listedBesideVaults() {
        return true;
    }

    @Override
    public List<ExpiryItem> list() {
        List<ExpiryItem> items = new ArrayList<>();
        ApplicationCollectionResponse page = graph.get().applications().get(request -> {
            request.queryParameters.select = SELECT;
            request.queryParameters.top = 999;
        });
        while (page != null) {
            for (Application application : page.getValue()) {
                if (onlyObjectIds.isEmpty() || onlyObjectIds.contains(application.getId().toLowerCase(Locale.ROOT))) {
                    items.addAll(credentials(application));
                }
            }
            String next = page.getOdataNextLink();
            page = next == null ? null : graph.get().applications().withUrl(next).get();
        }
        return items;
    }

    private List<ExpiryItem> credentials(Application application) {
        List<ExpiryItem> items = new ArrayList<>();
        List<String> owners = owners(application.getTags());
        for (PasswordCredential password : nonNull(application.getPasswordCredentials())) {
            items.add(item(application, ItemKind.APP_PASSWORD, String.valueOf(password.getKeyId()),
                    password.getDisplayName(), password.getEndDateTime(), owners));
        }
        for (KeyCredential key : nonNull(application.getKeyCredentials())) {
            items.add(item(application, ItemKind.APP_CERTIFICATE, String.valueOf(key.getKeyId()),
                    key.getDisplayName(), key.getEndDateTime(), owners));
        }
        return items;
    }

    private ExpiryItem item(Application application, ItemKind kind, String keyId, String displayName,
                            java.time.OffsetDateTime end, List<String> owners) {
        String credential = displayName == null || displayName.isBlank() ? "keyId " + keyId : displayName;
        return new ExpiryItem(scope(), kind, application.getId() + "/" + keyId, application.getAppId(),
                application.getDisplayName() + " / " + credential, end == null ? null : end.toInstant(), owners,
                null, null);
    }

    /** {@code Owner=a@contoso.com} and {@code NotifyTo=b@contoso.com,teams:ops} application tags. */
    static List<String> owners(List<String> tags) {
        Map<String, String> asKeyVaultTags = new LinkedHashMap<>();
        for (String tag : nonNull(tags)) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                asKeyVaultTags.merge(tag.substring(0, eq).trim(), tag.substring(eq + 1), (a, b) -> a + "," + b);
            }
        }
        return io.kvrotator.vault.Tags.owners(asKeyVaultTags);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
