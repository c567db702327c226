package io.banditore.alert;

/** CAP's certainty, spelled as CAP spells it. */
public enum Certainty {
    Observed, Likely, Possible, Unlikely, Unknown
}
