package io.kvrotator.accessreview;

/** How a principal holds a role: the policy wants people's access eligible through PIM, never standing. */
public enum Access {
    /** Assigned and active with no activation: a plain role assignment, or one PIM assigned as active. */
    STANDING("standing"),
    /** Active because its holder activated an eligibility, for a limited time. */
    ACTIVATED("pim-activated"),
    /** Eligible through PIM: nothing until its holder activates it. */
    ELIGIBLE("pim-eligible"),
    /** Active, but PIM's schedules could not be read, so whether it was activated is not known. */
    UNKNOWN("unknown");

    private final String label;

    Access(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
