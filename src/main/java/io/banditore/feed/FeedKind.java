package io.banditore.feed;

import io.banditore.alert.CapStatus;

/** The two public feeds: real alerts, and tests and exercises, which are never mixed in with them. */
public enum FeedKind {
    ACTUAL("feed.atom", "Banditore: allerte pubbliche", "Banditore: public alerts"),
    PRACTICE("feed-test.atom", "Banditore: test ed esercitazioni, non sono allerte reali",
            "Banditore: tests and exercises, not real alerts");

    private final String file;
    private final String italian;
    private final String english;

    FeedKind(String file, String italian, String english) {
        this.file = file;
        this.italian = italian;
        this.english = english;
    }

    public boolean takes(CapStatus status) {
        return this == ACTUAL ? status == CapStatus.Actual : status.isPractice();
    }

    public String file() {
        return file;
    }

    public String title(boolean inItalian) {
        return inItalian ? italian : english;
    }
}
