package io.banditore.alert;

/** CAP's urgency, spelled as CAP spells it. */
public enum Urgency {
    Immediate, Expected, Future, Past, Unknown
}
