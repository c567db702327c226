package io.banditore.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/** Lets REST resources take and give {@link Alert}s as CAP 1.2 XML; a body that is not valid CAP becomes a 400 problem. */
@Provider
@Consumes({ CapXmlProvider.CAP_XML, MediaType.APPLICATION_XML })
@Produces({ CapXmlProvider.CAP_XML, MediaType.APPLICATION_XML })
public class CapXmlProvider implements MessageBodyReader<Alert>, MessageBodyWriter<Alert> {

    /** CAP's media type, registered with IANA by OASIS. */
    public static final String CAP_XML = "application/cap+xml";

    private final CapXml capXml;

    public CapXmlProvider(CapXml capXml) {
        this.capXml = capXml;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Alert.class;
    }

    @Override
    public Alert readFrom(Class<Alert> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) {
        return capXml.read(entityStream);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Alert.class;
    }

    @Override
    public void writeTo(Alert alert, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        capXml.write(alert, entityStream);
    }
}
