//! The DRA selector environment: the Kubernetes base environment (standard
//! library plus the Kubernetes and cel-go extension libraries) and the
//! `device` variable, in the variants Kubernetes builds.

pub mod decls;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::env::decls::Function;
use crate::types::Type;
use crate::CompileOptions;

/// Which environment Kubernetes compiles in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EnvType {
    /// For expressions already stored (what the scheduler uses): every
    /// declaration, whatever the feature gates.
    #[default]
    StoredExpressions,
    /// For new or changed expressions (API validation): declarations
    /// selected by the feature gates.
    NewExpressions,
}

/// A field of an object type.
#[derive(Clone, Debug)]
pub struct Field {
    pub ty: Type,
}

/// The declarations expressions are checked against.
#[derive(Clone)]
pub struct Env {
    pub functions: HashMap<&'static str, Function>,
    pub variables: HashMap<String, Type>,
    pub structs: HashMap<String, HashMap<String, Field>>,
    /// The type of attribute values (`dyn`, or `any` without list attributes).
    pub attribute_type: Type,
    /// Variables declared on top of the DRA environment (tools and tests),
    /// in binding order.
    pub globals: Vec<String>,
}

pub const DEVICE_TYPE: &str = "kubernetes.DRADevice";

impl Env {
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.get(name)
    }

    pub fn struct_field(&self, type_name: &str, field: &str) -> Option<&Field> {
        self.structs.get(type_name)?.get(field)
    }
}

/// The environment for the options, built once.
pub fn env(options: &CompileOptions, env_type: EnvType) -> &'static Env {
    static ENVS: [OnceLock<Env>; 5] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let (idx, multi, lists) = match env_type {
        EnvType::StoredExpressions => (0, true, true),
        EnvType::NewExpressions => {
            let i = 1
                + (options.consumable_capacity as usize) * 2
                + options.list_type_attributes as usize;
            (i, options.consumable_capacity, options.list_type_attributes)
        }
    };
    ENVS[idx].get_or_init(|| build(multi, lists))
}

fn build(multi_alloc: bool, list_attributes: bool) -> Env {
    let mut functions: HashMap<&'static str, Function> = HashMap::new();
    for f in crate::library::all(list_attributes) {
        match functions.get_mut(f.name) {
            Some(existing) => {
                existing.overloads.extend(f.overloads);
                if existing.singleton.is_none() {
                    existing.singleton = f.singleton;
                }
                if existing.cost.is_none() {
                    existing.cost = f.cost;
                }
            }
            None => {
                functions.insert(f.name, f);
            }
        }
    }

    let attribute_type = if list_attributes {
        Type::Dyn
    } else {
        Type::Any
    };
    let mut variables = HashMap::new();
    for t in [
        Type::Bool,
        Type::Bytes,
        Type::Double,
        Type::Duration,
        Type::Int,
        Type::list(Type::param("A")),
        Type::map(Type::param("A"), Type::param("B")),
        Type::Null,
        Type::String,
        Type::Timestamp,
        Type::TypeOf(None),
        Type::Uint,
        Type::optional(Type::param("T")),
    ] {
        let name = t.type_name().to_string();
        variables.insert(name, Type::type_of(t));
    }
    for name in ["net.IP", "net.CIDR"] {
        variables.insert(name.to_string(), Type::type_of(Type::opaque(name)));
    }
    variables.insert("device".to_string(), Type::object(DEVICE_TYPE));

    let mut device = HashMap::new();
    device.insert("driver".to_string(), Field { ty: Type::String });
    device.insert(
        "attributes".to_string(),
        Field {
            ty: Type::map(
                Type::String,
                Type::map(Type::String, attribute_type.clone()),
            ),
        },
    );
    device.insert(
        "capacity".to_string(),
        Field {
            ty: Type::map(
                Type::String,
                Type::map(Type::String, Type::object("kubernetes.Quantity")),
            ),
        },
    );
    if multi_alloc {
        device.insert(
            "allowMultipleAllocations".to_string(),
            Field { ty: Type::Bool },
        );
    }
    let mut structs = HashMap::new();
    structs.insert(DEVICE_TYPE.to_string(), device);

    Env {
        functions,
        variables,
        structs,
        attribute_type,
        globals: Vec::new(),
    }
}
