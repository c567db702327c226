package io.banditore.alert;

/** CAP's valueName/value pair, used by parameter, eventCode and geocode. */
public record NamedValue(String valueName, String value) {
}
