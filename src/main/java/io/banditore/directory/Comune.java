package io.banditore.directory;

/** A municipality of the ISTAT gazetteer, with its province and region codes. */
public record Comune(String istat, String name, String provinceCode, String provinceName, String provinceAbbreviation,
        String regionCode, String regionName) {
}
