package dev.grok2api.core.service;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.port.AttachmentFetcher;
import dev.grok2api.core.upstream.FileUpload;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns the attachments of a chat request into files ready for upload: {@code data:} URIs and bare base64 are
 * decoded here, {@code http(s)} URLs are fetched through the {@link AttachmentFetcher} (which guards against request
 * forgery). Files come back in Grok's order: every non-image file first, then the images. Anything unusable is the
 * client's mistake (HTTP 400) with a message naming the attachment.
 *
 * <p>Stateless and thread-safe.
 */
public final class AttachmentResolver {
    private final AttachmentFetcher fetcher;

    /** @param fetcher downloads attachments given by URL */
    public AttachmentResolver(AttachmentFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Resolves every attachment.
     *
     * @throws InvalidRequestException for an undecodable data URI or base64, or an unfetchable URL
     */
    public List<FileUpload> resolve(List<Attachment> attachments) {
        List<FileUpload> files = new ArrayList<>();
        List<FileUpload> images = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            FileUpload file = resolve(attachments.get(i), i);
            (file.isImage() ? images : files).add(file);
        }
        files.addAll(images);
        return files;
    }

    private FileUpload resolve(Attachment attachment, int index) {
        String reference = attachment.reference().trim();
        String lower = reference.toLowerCase(Locale.ROOT);
        boolean image = attachment.kind() == Attachment.Kind.IMAGE;
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri;
            try {
                uri = new URI(reference);
            } catch (java.net.URISyntaxException e) {
                throw invalid(index, "its URL is malformed (" + e.getReason() + ")");
            }
            AttachmentFetcher.Fetched fetched = fetcher.fetch(uri, image);
            return new FileUpload(
                    named(attachment.filename(), fetched.fileName()), fetched.mimeType(), fetched.content());
        }
        if (lower.startsWith("data:")) {
            return dataUri(attachment, reference, index);
        }
        if (image) {
            throw invalid(index, "image_url must be an http(s) URL or a data: URI");
        }
        return new FileUpload(
                named(attachment.filename(), "file.bin"), "application/octet-stream", base64(reference, index));
    }

    private static FileUpload dataUri(Attachment attachment, String reference, int index) {
        int comma = reference.indexOf(',');
        if (comma < 0) {
            throw invalid(index, "its data: URI has no ',' before the data");
        }
        String meta = reference.substring(5, comma);
        if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw invalid(index, "its data: URI must be base64-encoded (data:<mime>;base64,<data>)");
        }
        String mime = meta.substring(0, meta.length() - 7).trim().toLowerCase(Locale.ROOT);
        if (mime.isEmpty()) {
            mime = "application/octet-stream";
        }
        if (attachment.kind() == Attachment.Kind.IMAGE && !mime.startsWith("image/")) {
            throw invalid(index, "image_url data is '" + mime + "', not an image");
        }
        String subtype = mime.contains("/") ? mime.substring(mime.indexOf('/') + 1) : "bin";
        return new FileUpload(
                named(attachment.filename(), "file." + subtype), mime, base64(reference.substring(comma + 1), index));
    }

    private static byte[] base64(String data, int index) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(data.strip());
            if (bytes.length == 0) {
                throw invalid(index, "its data is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid(index, "its data is not valid base64");
        }
    }

    private static String named(String clientName, String fallback) {
        return clientName != null && !clientName.isBlank() ? clientName : fallback;
    }

    private static InvalidRequestException invalid(int index, String why) {
        return new InvalidRequestException(
                "invalid_attachment", "messages", "Attachment " + (index + 1) + " cannot be used: " + why + ".");
    }
}
