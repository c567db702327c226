package io.banditore.alert;

/** CAP's status: constants are spelled as CAP spells them, so JSON and XML carry the same words. */
public enum CapStatus {
    Actual, Exercise, System, Test, Draft;

    /** Test and Exercise go only to targets that opt in, always labelled as such. */
    public boolean isPractice() {
        return this == Test || this == Exercise;
    }

    /** Draft and System never reach a public channel. */
    public boolean isNeverPublic() {
        return this == Draft || this == System;
    }
}
