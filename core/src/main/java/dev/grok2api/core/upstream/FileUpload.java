package dev.grok2api.core.upstream;

import java.util.Objects;

/**
 * A file to upload to Grok as an attachment ({@code POST /rest/app-chat/upload-file}).
 *
 * @param fileName the name Grok shows, e.g. {@code file.png}, never blank
 * @param mimeType e.g. {@code image/png}, never blank
 * @param content the bytes, never null; not copied (callers hand over ownership)
 */
public record FileUpload(String fileName, String mimeType, byte[] content) {
    public FileUpload {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
    }

    /** Whether Grok treats it as an image (images go after other files in {@code fileAttachments}). */
    public boolean isImage() {
        return mimeType.startsWith("image/");
    }

    @Override
    public String toString() {
        return "FileUpload[" + fileName + ", " + mimeType + ", " + content.length + " bytes]";
    }
}
