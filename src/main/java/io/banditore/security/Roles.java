package io.banditore.security;

/** The roles a bearer token's groups claim may carry. */
public final class Roles {

    /** Posts, updates and cancels alerts. */
    public static final String OPERATOR = "operator";
    /** Approves or rejects alerts posted by someone else. */
    public static final String APPROVER = "approver";
    /** Reads alerts and delivery status. */
    public static final String VIEWER = "viewer";
    /** Everything a viewer does, plus operating the service (retries, targets). */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
