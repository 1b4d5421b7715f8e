package io.kvrotator.provider.sas;

/**
 * Where a namespace's data plane is, from one setting: an HTTPS endpoint template with {@code {namespace}} in it,
 * by default {@code https://{namespace}.servicebus.windows.net} (Service Bus and Event Hubs alike; a sovereign
 * cloud has its own host suffix, the sandbox a loopback URL). The data-plane check is sent to the HTTPS URL; a
 * connection string's {@code Endpoint} is the same address with the {@code sb} scheme, as Azure writes it
 * ({@code sb://{namespace}.servicebus.windows.net/}).
 */
public record NamespaceEndpoints(String template) {

    public static final String PLACEHOLDER = "{namespace}";

    public NamespaceEndpoints {
        if (!template.contains(PLACEHOLDER) || !template.matches("(?i)https?://.+")) {
            throw new IllegalArgumentException("a namespace endpoint template is an http(s) URL with " + PLACEHOLDER
                    + " in it: " + template);
        }
        while (template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
    }

    /** The namespace's data-plane URL, without a trailing slash, e.g. {@code https://sbpay.servicebus.windows.net}. */
    public String https(String namespace) {
        return template.replace(PLACEHOLDER, namespace);
    }

    /** A connection string's {@code Endpoint}, e.g. {@code sb://sbpay.servicebus.windows.net/}. */
    public String sb(String namespace) {
        String https = https(namespace);
        return "sb://" + https.substring(https.indexOf("://") + 3) + "/";
    }
}
