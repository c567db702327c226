package io.banditore.security;

import java.util.List;

/**
 * Banditore's roles: what a bearer token's groups claim carries, or, for a person signed in to the dashboard, what
 * the identity provider's role claim ({@code quarkus.oidc.roles.role-claim-path}) carries, after
 * {@code quarkus.http.auth.roles-mapping}.
 */
public final class Roles {

    /** Posts, updates and cancels alerts. */
    public static final String OPERATOR = "operator";
    /** Approves or rejects alerts posted by someone else. */
    public static final String APPROVER = "approver";
    /** Reads alerts and delivery status. */
    public static final String VIEWER = "viewer";
    /** Everything a viewer does, plus operating the service (retries, targets). */
    public static final String ADMIN = "admin";

    /** Every role, in the order people read them. */
    public static final List<String> ALL = List.of(OPERATOR, APPROVER, VIEWER, ADMIN);

    private Roles() {
    }
}
