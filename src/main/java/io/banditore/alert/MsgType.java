package io.banditore.alert;

/** CAP's msgType, spelled as CAP spells it. */
public enum MsgType {
    Alert, Update, Cancel, Ack, Error;

    /** Update, Cancel, Ack and Error speak of earlier messages and must reference them. */
    public boolean needsReferences() {
        return this != Alert;
    }

    /** Alert, Update and Cancel speak to the public; Ack and Error are messages between systems. */
    public boolean isForThePublic() {
        return this == Alert || this == Update || this == Cancel;
    }
}
