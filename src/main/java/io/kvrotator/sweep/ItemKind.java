package io.kvrotator.sweep;

/** What kind of expiring thing an {@link ExpiryItem} is; the label is what notices call it. */
public enum ItemKind {
    SECRET("secret"),
    CERTIFICATE("certificate"),
    APP_PASSWORD("app password"),
    APP_CERTIFICATE("app certificate");

    private final String label;

    ItemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
