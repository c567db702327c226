package io.banditore.alert;

/** One broken rule: where (a JSON pointer, or an XPath for XML) and what is wrong, in words an operator can act on. */
public record Violation(String pointer, String detail) {
}
