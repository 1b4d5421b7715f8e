package io.kvrotator.provider.appregistration;

import com.microsoft.graph.applications.item.addpassword.AddPasswordPostRequestBody;
import com.microsoft.graph.applications.item.removepassword.RemovePasswordPostRequestBody;
import com.microsoft.graph.models.Application;
import com.microsoft.graph.models.PasswordCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.graph.SentOnce;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.vault.SecretValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/** {@link AppPasswords} over the Microsoft Graph SDK; the client is asked for on each call, so it can be built late. */
public final class GraphAppPasswords implements AppPasswords {

    private static final String[] SELECT = {"id", "appId", "passwordCredentials"};

    private final Supplier<GraphServiceClient> graph;

    public GraphAppPasswords(Supplier<GraphServiceClient> graph) {
        this.graph = graph;
    }

    @Override
    public AppRegistration find(String objectIdOrAppId) {
        Application application;
        try {
            application = graph.get().applications().byApplicationId(objectIdOrAppId)
                    .get(request -> request.queryParameters.select = SELECT);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 404) {
                throw e;
            }
            application = graph.get().applicationsWithAppId(objectIdOrAppId)
                    .get(request -> request.queryParameters.select = SELECT);
        }
        List<AppPassword> passwords = application.getPasswordCredentials() == null ? List.of()
                : application.getPasswordCredentials().stream().map(GraphAppPasswords::password).toList();
        return new AppRegistration(application.getId(), application.getAppId(), passwords);
    }

    @Override
    public IssuedCredential add(String objectId, String displayName, Instant endDateTime) {
        PasswordCredential requested = new PasswordCredential();
        requested.setDisplayName(displayName);
        requested.setEndDateTime(OffsetDateTime.ofInstant(endDateTime, ZoneOffset.UTC));
        AddPasswordPostRequestBody body = new AddPasswordPostRequestBody();
        body.setPasswordCredential(requested);
        PasswordCredential added = graph.get().applications().byApplicationId(objectId).addPassword()
                .post(body, SentOnce::mark);
        String keyId = key(added.getKeyId());
        if (added.getSecretText() == null || added.getSecretText().isEmpty() || added.getEndDateTime() == null) {
            remove(objectId, keyId);
            throw RotationException.retryable(Step.ROTATE, "addPassword on application " + objectId
                    + " answered without secretText or endDateTime; the password " + keyId + " was removed again");
        }
        return new IssuedCredential(keyId, SecretValue.of(added.getSecretText()), added.getEndDateTime().toInstant());
    }

    /** A password that is already gone counts as removed: an earlier attempt may have been applied unanswered. */
    @Override
    public void remove(String objectId, String keyId) {
        RemovePasswordPostRequestBody body = new RemovePasswordPostRequestBody();
        body.setKeyId(UUID.fromString(keyId));
        try {
            graph.get().applications().byApplicationId(objectId).removePassword().post(body);
        } catch (ApiException e) {
            boolean gone = (e.getResponseStatusCode() == 400 || e.getResponseStatusCode() == 404)
                    && find(objectId).passwords().stream().noneMatch(p -> p.keyId().equalsIgnoreCase(keyId));
            if (!gone) {
                throw e;
            }
        }
    }

    private static AppPassword password(PasswordCredential credential) {
        return new AppPassword(key(credential.getKeyId()), credential.getDisplayName(), credential.getHint(),
                credential.getStartDateTime() == null ? null : credential.getStartDateTime().toInstant(),
                credential.getEndDateTime() == null ? null : credential.getEndDateTime().toInstant());
    }

    private static String key(UUID keyId) {
        return keyId == null ? "" : keyId.toString().toLowerCase(Locale.ROOT);
    }
}
