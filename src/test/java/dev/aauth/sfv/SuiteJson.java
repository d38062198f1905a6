package dev.aauth.sfv;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the httpwg suite's JSON form and this package's model. */
final class SuiteJson {

    private SuiteJson() {}

    /** Normalises parsed suite JSON: integers as Long, decimals as stripped BigDecimal. */
    @SuppressWarnings("unchecked")
    static Object normalise(Object o) {
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                out.add(normalise(e));
            }
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, normalise(v)));
            if ("binary".equals(out.get("__type"))) {
                out.put("value", base32Decode((String) out.get("value")));
                out.put("value", java.util.HexFormat.of().formatHex((byte[]) out.get("value")));
            }
            return out;
        }
        if (o instanceof Double d) {
            return new BigDecimal(d.toString()).stripTrailingZeros();
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return o;
    }

    static Object toSuiteForm(String type, Object parsed) {
        return switch (type) {
            case "item" -> item((Item) parsed);
            case "list" -> list(castList(parsed));
            case "dictionary" -> dict((Dictionary) parsed);
            default -> throw new IllegalArgumentException(type);
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Member> castList(Object o) {
        return (List<Member>) o;
    }

    private static List<Object> list(List<Member> members) {
        List<Object> out = new ArrayList<>();
        for (Member m : members) {
            out.add(member(m));
        }
        return out;
    }

    private static List<Object> dict(Dictionary d) {
        List<Object> out = new ArrayList<>();
        d.asMap().forEach((k, m) -> out.add(List.of(k, member(m))));
        return out;
    }

    private static Object member(Member m) {
        if (m instanceof InnerList il) {
            List<Object> items = new ArrayList<>();
            for (Item i : il.items()) {
                items.add(item(i));
            }
            return List.of(items, params(il.parameters()));
        }
        return item((Item) m);
    }

    private static List<Object> item(Item i) {
        return List.of(bare(i.value()), params(i.parameters()));
    }

    private static List<Object> params(Parameters p) {
        List<Object> out = new ArrayList<>();
        p.asMap().forEach((k, v) -> out.add(List.of(k, bare(v))));
        return out;
    }

    private static Object bare(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (v instanceof Token t) {
            return typed("token", t.value());
        }
        if (v instanceof ByteSequence b) {
            return typed("binary", java.util.HexFormat.of().formatHex(b.unsafeBytes()));
        }
        if (v instanceof SfDate d) {
            return typed("date", d.epochSeconds());
        }
        if (v instanceof DisplayString ds) {
            return typed("displaystring", ds.value());
        }
        return v;
    }

    private static Map<String, Object> typed(String type, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", type);
        m.put("value", value);
        return m;
    }

    // ---------------------------------------------------------------- suite form -> model

    static Object fromSuiteForm(String type, Object json) {
        return switch (type) {
            case "item" -> toItem(json);
            case "list" -> toMembers(json);
            case "dictionary" -> toDictionary(json);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static List<Member> toMembers(Object json) {
        List<Member> out = new ArrayList<>();
        for (Object m : (List<?>) json) {
            out.add(toMember(m));
        }
        return out;
    }

    private static Dictionary toDictionary(Object json) {
        Dictionary.Builder b = Dictionary.builder();
        for (Object e : (List<?>) json) {
            List<?> pair = (List<?>) e;
            b.put((String) pair.get(0), toMember(pair.get(1)));
        }
        return b.build();
    }

    private static Member toMember(Object json) {
        List<?> pair = (List<?>) json;
        if (pair.get(0) instanceof List<?> items) {
            List<Item> list = new ArrayList<>();
            for (Object i : items) {
                list.add(toItem(i));
            }
            return new InnerList(list, toParams(pair.get(1)));
        }
        return toItem(json);
    }

    private static Item toItem(Object json) {
        List<?> pair = (List<?>) json;
        return new Item(toBare(pair.get(0)), toParams(pair.get(1)));
    }

    private static Parameters toParams(Object json) {
        Parameters.Builder b = Parameters.builder();
        for (Object e : (List<?>) json) {
            List<?> pair = (List<?>) e;
            b.put((String) pair.get(0), toBare(pair.get(1)));
        }
        return b.build();
    }

    private static Object toBare(Object json) {
        if (json instanceof Map<?, ?> m) {
            String t = (String) m.get("__type");
            Object v = m.get("value");
            return switch (t) {
                case "token" -> new Token((String) v);
                case "binary" -> ByteSequence.of(base32Decode((String) v));
                case "date" -> new SfDate(((Number) v).longValue());
                case "displaystring" -> new DisplayString((String) v);
                default -> throw new IllegalArgumentException(t);
            };
        }
        if (json instanceof Double d) {
            return new BigDecimal(d.toString());
        }
        if (json instanceof Number n) {
            return n.longValue();
        }
        return json;
    }

    static byte[] base32Decode(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            if (c == '=') {
                break;
            }
            int v = alphabet.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("bad base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
