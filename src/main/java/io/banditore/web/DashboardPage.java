package io.banditore.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The dashboard's page is never kept by the browser: static files are served cacheable for a day (immutable), and a
 * kept page would outlive a sign-out (the page shown without asking the provider) and a reload meant to sign in
 * again would never reach the service. Its scripts and styles hold nothing personal and stay cacheable. Set when the
 * headers go out, after the static handler has written its own.
 */
@ApplicationScoped
public class DashboardPage {

    static final String PAGES = "/(index\\.html|signed-out\\.html)?";

    void noStore(@Observes Router router) {
        router.routeWithRegex(PAGES).order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(done -> context.response().headers().set("Cache-Control", "no-store"));
            context.next();
        });
    }
}
