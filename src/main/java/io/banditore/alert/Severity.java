package io.banditore.alert;

/** CAP's severity, spelled as CAP spells it. */
public enum Severity {
    Extreme, Severe, Moderate, Minor, Unknown
}
