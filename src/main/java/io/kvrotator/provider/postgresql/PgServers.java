package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.util.Optional;

/**
 * Resolves a {@code ProviderAddress} to a server, inside the vault's scope: a flexible server's resource ID (checked
 * against {@code ROTATOR_RESOURCE_SCOPES}; the host comes from the host template, never from a tag), or a plain
 * {@code host:port} listed for the vault in {@code ROTATOR_POSTGRESQL_LOCAL_HOSTS}.
 */
final class PgServers {

    static final String RESOURCE_TYPE = "Microsoft.DBforPostgreSQL/flexibleServers";
    static final String ADDRESS_FORMAT = "a flexible server's resource ID (/subscriptions/{id}/resourceGroups/{rg}"
            + "/providers/" + RESOURCE_TYPE + "/{server}), or for a local server a host:port listed for the vault in "
            + PostgreSqlAlternatingUsersFactory.LOCAL_HOSTS.key();

    private final String hostTemplate;
    private final LocalHosts localHosts;

    /** @param hostTemplate {@code host[:port]} with {@code {server}} standing for the server's name */
    PgServers(String hostTemplate, LocalHosts localHosts) {
        this.hostTemplate = hostTemplate;
        this.localHosts = localHosts;
    }

    /** The server the version's tags name, or a terminal refusal (missing, malformed, or outside the scope). */
    PgServer resolve(SecretVersion version, ResourceScope scope) {
        String address = version.tag(Tags.PROVIDER_ADDRESS).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "tag " + Tags.PROVIDER_ADDRESS + " is missing: set it to " + ADDRESS_FORMAT));
        Optional<ArmResourceId> id = ArmResourceId.parse(address, RESOURCE_TYPE);
        if (id.isPresent()) {
            scope.requireResource(id.get().resourceId());
            return new PgServer(id.get().resourceId(), endpointOf(id.get().name()));
        }
        HostPort host = HostPort.parse(address).filter(parsed -> address.contains(":"))
                .orElseThrow(() -> RotationException.terminal(Step.PLAN, "tag " + Tags.PROVIDER_ADDRESS + " is not "
                        + ADDRESS_FORMAT));
        if (!localHosts.permits(scope.vault(), host)) {
            throw RotationException.terminal(Step.PLAN, "refused: PostgreSQL host " + host + " is outside the resource"
                    + " scope of vault " + scope.vault() + " (a plain host:port is allowed only where "
                    + PostgreSqlAlternatingUsersFactory.LOCAL_HOSTS.key() + " lists it for the vault); nothing was"
                    + " changed");
        }
        return new PgServer(host.toString(), host);
    }

    private HostPort endpointOf(String serverName) {
        return HostPort.parse(hostTemplate.replace("{server}", serverName)).orElseThrow(() -> RotationException
                .terminal(Step.PLAN, "server name '" + serverName + "' does not make a host name with "
                        + PostgreSqlAlternatingUsersFactory.HOST_TEMPLATE.key()));
    }
}
