package io.banditore.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Banditore's roles: what a bearer token's groups claim carries, or, for a person signed in to the dashboard, what
 * the identity provider's role claim ({@code quarkus.oidc.roles.role-claim-path}) carries, after
 * {@code quarkus.http.auth.roles-mapping}. Every role that reads implies {@link #VIEWER}, here and nowhere else
 * ({@link ImpliedRoles} adds it), so that an endpoint anyone may read says {@code @RolesAllowed(Roles.VIEWER)}.
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

    /** What each role implies besides itself: operators, approvers and admins read what viewers read. */
    static final Map<String, Set<String>> IMPLIES = Map.of(OPERATOR, Set.of(VIEWER), APPROVER, Set.of(VIEWER), ADMIN, Set.of(VIEWER));

    /** The roles granted together with those they imply. */
    static Set<String> withImplied(Collection<String> granted) {
        Set<String> all = new LinkedHashSet<>(granted);
        granted.forEach(role -> all.addAll(IMPLIES.getOrDefault(role, Set.of())));
        return all;
    }

    private Roles() {
    }
}
