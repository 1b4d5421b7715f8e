package io.kvrotator.accessreview;

/**
 * The lines of the organisation's standard (DESIGN.md section 10, "Policy this must satisfy") that an access finding
 * can break. All three are clauses of the one bullet about access to secrets, quoted exactly.
 */
public enum PolicyLine {
    PIM_NOT_STANDING("through Privileged Identity Management (eligible, not standing, access)"),
    ONLY_DEVELOPERS_AND_ENGINEERS("only developers and infrastructure engineers"),
    LEAST_PRIVILEGE("least privilege for every identity, ours included");

    /** The bullet of section 10 the clauses come from, verbatim. */
    public static final String BULLET = "Access to secrets is held tightly: only developers and infrastructure"
            + " engineers, through Privileged Identity Management (eligible, not standing, access); least privilege"
            + " for every identity, ours included.";

    private final String clause;

    PolicyLine(String clause) {
        this.clause = clause;
    }

    /** The words of the bullet this finding breaks. */
    public String clause() {
        return clause;
    }

    /** How a finding cites it, e.g. {@code DESIGN.md section 10, "Access to secrets is held tightly": "..."}. */
    public String citation() {
        return "DESIGN.md section 10, \"Access to secrets is held tightly\": \"" + clause + "\"";
    }
}
