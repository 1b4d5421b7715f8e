package io.kvrotator.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the Azure portal for the "Open in Azure portal" action of a notice. */
public final class PortalLinks {

    /** The object kind of a digest entry about who can read a vault. */
    public static final String ACCESS = "access";

    private final String portalUrl;
    private final String vaultUrlTemplate;

    /**
     * @param portalUrl        e.g. {@code https://portal.azure.com}
     * @param vaultUrlTemplate the vault URL with {@code {vault}}, as configured for the Key Vault clients
     */
    public PortalLinks(String portalUrl, String vaultUrlTemplate) {
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
        this.vaultUrlTemplate = vaultUrlTemplate;
    }

    /**
     * The portal page of the object: a Key Vault secret or certificate, an app registration's credentials, or for an
     * access finding ({@link #ACCESS}) the list of key vaults, whose access control blade holds the role assignments.
     */
    public String of(String objectKind, String location, String objectName) {
        String kind = objectKind == null ? "" : objectKind;
        if (kind.equals(ACCESS)) {
            return portalUrl + "/#browse/Microsoft.KeyVault%2Fvaults";
        }
        if (kind.startsWith("app ")) {
            return portalUrl + "/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/"
                    + encode(location);
        }
        String vaultUrl = vaultUrlTemplate.replace("{vault}", location);
        String asset = kind.equals("certificate") ? "Certificate/" + vaultUrl + "/certificates/"
                : "Secret/" + vaultUrl + "/secrets/";
        return portalUrl + "/#asset/Microsoft_Azure_KeyVault/" + asset + encode(objectName);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
