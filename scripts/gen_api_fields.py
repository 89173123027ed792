#!/usr/bin/env python3
"""Writes crates/api/src/fields/generated.rs: the field tree of the Kubernetes
kinds the playground reads without typing every field (core/v1 Pod, Node,
Namespace; apps/v1 Deployment, ReplicaSet, StatefulSet, DaemonSet; batch/v1
Job), from the Go types of k8s.io/api at each release the playground offers.

Usage: scripts/gen_api_fields.py K8S_API_GIT_DIR > crates/api/src/fields/generated.rs

K8S_API_GIT_DIR is a clone of github.com/kubernetes/api (the staging repository
of k8s.io/api) with its release tags (v0.34.0, ...). Only field names, their
JSON names and their value types are read; the output is a table of data.
The metav1 types (ObjectMeta and what it holds, LabelSelector) live in
k8s.io/apimachinery and are written out below.
"""

import re
import subprocess
import sys

# The releases, oldest first, and the tag of k8s.io/api for each.
RELEASES = [(34, "v0.34.0"), (35, "v0.35.0"), (36, "v0.36.0")]
FILES = ["core/v1/types.go", "apps/v1/types.go", "batch/v1/types.go"]
ROOTS = [
    "Pod", "Node", "Namespace", "Deployment", "ReplicaSet", "StatefulSet",
    "DaemonSet", "Job",
]

# Types from other packages: value kinds, or structs written out here.
FOREIGN = {
    "resource.Quantity": ("quantity",),
    "intstr.IntOrString": ("int_or_string",),
    "types.UID": ("string",),
    "runtime.RawExtension": ("raw",),
    "metav1.Time": ("time",),
    "metav1.MicroTime": ("time",),
    "metav1.Duration": ("string",),
    "metav1.ObjectMeta": ("struct", "ObjectMeta"),
    "metav1.LabelSelector": ("struct", "LabelSelector"),
    "metav1.Condition": ("struct", "Condition"),
}

# metav1 structs (k8s.io/apimachinery/pkg/apis/meta/v1), field by field.
META = {
    "ObjectMeta": [
        ("name", "string"), ("generateName", "string"), ("namespace", "string"),
        ("selfLink", "string"), ("uid", "string"), ("resourceVersion", "string"),
        ("generation", "int"), ("creationTimestamp", "time"),
        ("deletionTimestamp", "time"), ("deletionGracePeriodSeconds", "int"),
        ("labels", "map string"), ("annotations", "map string"),
        ("ownerReferences", "list struct OwnerReference"),
        ("finalizers", "list string"),
        ("managedFields", "list struct ManagedFieldsEntry"),
    ],
    "OwnerReference": [
        ("apiVersion", "string"), ("kind", "string"), ("name", "string"),
        ("uid", "string"), ("controller", "bool"), ("blockOwnerDeletion", "bool"),
    ],
    "ManagedFieldsEntry": [
        ("manager", "string"), ("operation", "string"), ("apiVersion", "string"),
        ("time", "time"), ("fieldsType", "string"), ("fieldsV1", "raw"),
        ("subresource", "string"),
    ],
    "LabelSelector": [
        ("matchLabels", "map string"),
        ("matchExpressions", "list struct LabelSelectorRequirement"),
    ],
    "LabelSelectorRequirement": [
        ("key", "string"), ("operator", "string"), ("values", "list string"),
    ],
    "Condition": [
        ("type", "string"), ("status", "string"), ("observedGeneration", "int"),
        ("lastTransitionTime", "time"), ("reason", "string"), ("message", "string"),
    ],
}

SCALARS = {
    "string": "string", "bool": "bool", "int": "int", "int32": "int",
    "int64": "int", "uint32": "int", "uint64": "int", "float32": "number",
    "float64": "number", "byte": "int",
}


def git_show(repo, tag, path):
    return subprocess.run(
        ["git", "-C", repo, "show", f"{tag}:{path}"],
        check=True, capture_output=True, text=True,
    ).stdout


def parse_go(source, structs, aliases):
    """Collects `type X struct {...}` fields and `type X Y` aliases."""
    lines = source.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^type (\w+) struct \{\s*$", line)
        if m:
            name, fields = m.group(1), []
            i += 1
            while not lines[i].startswith("}"):
                f = re.match(r'^\t(?:(\w+) )?([\w.*\[\]]+) +`json:"([^"]*)"', lines[i])
                if f:
                    fields.append((f.group(1), f.group(2), f.group(3)))
                i += 1
            structs[name] = fields
        else:
            m = re.match(r"^type (\w+) ([\w.*\[\]]+)\s*$", line)
            if m:
                aliases[m.group(1)] = m.group(2)
        i += 1


def shape(go_type, structs, aliases):
    """A Go type as the table's notation: "list struct X", "map int", ..."""
    t = go_type.lstrip("*")
    if t == "[]byte":
        return "string"
    if t.startswith("[]"):
        return "list " + shape(t[2:], structs, aliases)
    m = re.match(r"^map\[[\w.]+\](.+)$", t)
    if m:
        return "map " + shape(m.group(1), structs, aliases)
    if "." in t:
        pkg, local = t.split(".", 1)
        if t in FOREIGN:
            return " ".join(FOREIGN[t])
        if pkg in ("v1", "corev1"):
            return shape(local, structs, aliases)
        raise SystemExit(f"unknown foreign type {t}")
    if t in SCALARS:
        return SCALARS[t]
    if t in structs:
        return "struct " + t
    if t in aliases:
        return shape(aliases[t], structs, aliases)
    raise SystemExit(f"unknown type {t}")


def fields_of(name, structs, aliases):
    """The JSON fields of a struct, inline members flattened."""
    out = []
    for go_name, go_type, tag in structs[name]:
        json_name = tag.split(",")[0]
        if json_name == "-":
            continue
        if ",inline" in tag or (go_name is None and json_name == ""):
            local = go_type.lstrip("*")
            if local == "metav1.TypeMeta":
                continue
            out.extend(fields_of(local, structs, aliases))
            continue
        if go_type == "metav1.TypeMeta":
            continue
        out.append((json_name, shape(go_type, structs, aliases)))
    return out


def reachable(roots, release_fields):
    seen, order, todo = set(), [], list(roots)
    while todo:
        t = todo.pop(0)
        if t in seen:
            continue
        seen.add(t)
        order.append(t)
        for _, s in release_fields.get(t, []):
            if s.split()[-2:-1] == ["struct"]:
                todo.append(s.split()[-1])
    return order


def rust_shape(s):
    words = s.split()
    if words[0] == "list":
        return f"Shape::List(&{rust_shape(' '.join(words[1:]))})"
    if words[0] == "map":
        return f"Shape::Map(&{rust_shape(' '.join(words[1:]))})"
    if words[0] == "struct":
        return f'Shape::Struct("{words[1]}")'
    return {
        "string": "Shape::String", "bool": "Shape::Bool", "int": "Shape::Int",
        "number": "Shape::Number", "quantity": "Shape::Quantity",
        "int_or_string": "Shape::IntOrString", "time": "Shape::Time",
        "raw": "Shape::Raw",
    }[words[0]]


def main():
    repo = sys.argv[1]
    per_release = []
    for minor, tag in RELEASES:
        structs, aliases = {}, {}
        for path in FILES:
            parse_go(git_show(repo, tag, path), structs, aliases)
        table = {}
        for name in structs:
            try:
                table[name] = fields_of(name, structs, aliases)
            except SystemExit:
                continue  # a type no root reaches may use other packages
        for name, fields in META.items():
            table[name] = fields
        per_release.append((minor, table))

    newest = per_release[-1][1]
    types = reachable(ROOTS, newest)
    first = per_release[0][0]
    print("//! Generated by scripts/gen_api_fields.py from k8s.io/api "
          + ", ".join(tag for _, tag in RELEASES) + ": do not edit.")
    print()
    print("use super::{Field, Shape, TypeFields};")
    print()
    print("/// Every type the roots reach, sorted by name.")
    print("pub(super) static TYPES: &[TypeFields] = &[")
    for name in sorted(types):
        print("    TypeFields {")
        print(f'        name: "{name}",')
        print("        fields: &[")
        for json_name, s in sorted(newest[name]):
            since = next(
                minor for minor, table in per_release
                if any(f == json_name for f, _ in table.get(name, []))
            )
            since = 0 if since == first else since
            print(
                f'            Field {{ name: "{json_name}", shape: {rust_shape(s)}, since: {since} }},'
            )
        print("        ],")
        print("    },")
    print("];")


main()
