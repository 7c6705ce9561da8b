package io.songspace.common.npy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The NumPy {@code .npy} (format 1.0) and {@code .npz} codec for little-endian float32, float64 and int64 arrays
 * in C order. Written by hand: the format is a short text header plus raw bytes, and the JVM libraries that
 * read it either need a deep-learning engine's native runtime (DJL) or bring a Kotlin runtime along.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static byte[] write(NpyArray array) {
        String descr = array.floats() != null ? "<f4" : array.doubles() != null ? "<f8" : "<i8";
        int itemSize = array.floats() != null ? 4 : 8;
        String shape = array.shape().length == 1 ? array.shape()[0] + ","
                : Arrays.stream(array.shape()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        // header length so that magic + version + length field + header is a multiple of 64, ending in '\n'
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + array.size() * itemSize)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1));
        if (array.floats() != null) {
            buf.asFloatBuffer().put(array.floats());
        } else if (array.doubles() != null) {
            buf.asDoubleBuffer().put(array.doubles());
        } else {
            buf.asLongBuffer().put(array.longs());
        }
        return buf.array();
    }

    public static NpyArray read(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("not a .npy file (bad magic)");
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] headerBytes = new byte[headerLength];
        buf.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if ("True".equals(group(ORDER, header, "fortran_order"))) {
            throw new IllegalArgumentException(".npy in Fortran order is not supported");
        }
        int[] shape = Arrays.stream(group(SHAPE, header, "shape").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        ByteBuffer data = buf.slice().order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return switch (descr.substring(1)) {
            case "f4" -> {
                float[] f = new float[size];
                data.asFloatBuffer().get(f);
                yield NpyArray.ofFloats(f, shape);
            }
            case "f8" -> {
                double[] d = new double[size];
                data.asDoubleBuffer().get(d);
                yield NpyArray.ofDoubles(d, shape);
            }
            case "i8" -> {
                long[] l = new long[size];
                data.asLongBuffer().get(l);
                yield NpyArray.ofLongs(l, shape);
            }
            case "i4" -> {
                long[] l = new long[size];
                for (int i = 0; i < size; i++) {
                    l[i] = data.getInt(i * 4);
                }
                yield NpyArray.ofLongs(l, shape);
            }
            default -> throw new IllegalArgumentException("unsupported .npy dtype " + descr);
        };
    }

    /** A {@code .npz}: a zip of {@code name.npy} entries, in the order given. */
    public static byte[] writeNpz(Map<String, NpyArray> arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                byte[] npy = write(e.getValue());
                // stored, not deflated, as numpy.savez writes: float arrays hardly compress, and deflating them
                // cost each feature worker a few milliseconds per chunk
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Map<String, NpyArray> readNpz(byte[] bytes) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                arrays.put(name, read(zip.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrays;
    }

    private static String group(Pattern p, String header, String field) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(".npy header has no " + field + ": " + header.trim());
        }
        return m.group(1);
    }
}
