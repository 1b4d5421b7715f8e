package io.kvrotator.accessreview;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.kvrotator.support.Lazy;

/** {@link UserDirectory} over Microsoft Graph: {@code GET /users/{id}?$select=id,displayName,userPrincipalName,userType}. */
public final class GraphUserDirectory implements UserDirectory {

    private final Lazy<GraphServiceClient> graph;

    public GraphUserDirectory(Lazy<GraphServiceClient> graph) {
        this.graph = graph;
    }

    @Override
    public DirectoryUser user(String objectId) {
        User user = graph.get().users().byUserId(objectId).get(request -> request.queryParameters.select =
                new String[] {"id", "displayName", "userPrincipalName", "userType"});
        return new DirectoryUser(objectId, user.getDisplayName(), user.getUserPrincipalName(), user.getUserType());
    }
}
