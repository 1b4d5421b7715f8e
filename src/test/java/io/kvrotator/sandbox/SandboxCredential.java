package io.kvrotator.sandbox;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Stands in for the managed identity: hands out the one token every stand-in accepts, and records the scopes. */
public final class SandboxCredential implements TokenCredential {

    public static final String TOKEN = "sandbox-managed-identity-token";

    private final List<String> requestedScopes = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        requestedScopes.addAll(request.getScopes());
        return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    public List<String> requestedScopes() {
        return List.copyOf(requestedScopes);
    }
}
