package io.banditore.alert;

/** CAP's scope, spelled as CAP spells it. */
public enum Scope {
    Public, Restricted, Private
}
