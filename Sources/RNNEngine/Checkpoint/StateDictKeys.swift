/// The keys of a PyTorch `state_dict` with their shapes, and the searches the importer makes over them.
///
/// A key is a module path and a leaf split at the last dot: `model.encoder.rnn.weight_ih_l0` is
/// module `model.encoder.rnn`, leaf `weight_ih_l0`; a key without a dot has module "".
struct StateDictKeys {
  /// The keys of one recurrent layer; biases are nil when the module was built with `bias=False`.
  struct LayerKeys {
    let weightIH: String
    let weightHH: String
    let biasIH: String?
    let biasHH: String?
  }

  /// One parsed recurrent leaf such as `weight_hh_l1` or `bias_ih_l0_reverse`.
  private struct RecurrentLeaf {
    let role: String
    let layer: Int
    let reversed: Bool
  }

  /// Leaf roles of PyTorch's RNN modules; `weight_hr` exists only for LSTMs with `proj_size`.
  private static let recurrentRoles = ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"]

  /// Shape of every tensor, by key.
  private let shapes: [String: [Int]]
  /// Every key, sorted, for searches and messages.
  private let keys: [String]

  /// The keys of `file`.
  init(file: SafeTensorsFile) {
    shapes = Dictionary(uniqueKeysWithValues: file.entries.map { ($0.name, $0.shape) })
    keys = file.names.sorted()
  }

  /// The key for `leaf` in `module`.
  static func key(_ module: String, _ leaf: String) -> String {
    module.isEmpty ? leaf : "\(module).\(leaf)"
  }

  /// The shape of `key`, or [] if the file has no such key.
  func shape(_ key: String) -> [Int] { shapes[key] ?? [] }

  /// Fails unless `key` has exactly `expected` shape.
  func expect(_ key: String, _ expected: [Int], fail: (String) -> ImportError) throws {
    guard shape(key) == expected else {
      throw fail("\"\(key)\" has shape \(shape(key)); the other recurrent weights imply \(expected)")
    }
  }

  // MARK: Recurrent layers

  /// The module holding the recurrent weights: `requested` if given, else the only one in the file.
  func recurrentPrefix(requested: String?, fail: (String) -> ImportError) throws -> String {
    let modules = Set(keys.map(Self.split).filter { Self.recurrentLeaf($0.leaf) != nil }.map(\.module))
    let found = modules.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
    if let requested = requested.map(Self.trimmed) {
      guard modules.contains(requested) else {
        throw fail(
          "no recurrent weights under prefix \"\(requested)\" (found under: \(modules.isEmpty ? "none" : found))")
      }
      return requested
    }
    guard let only = modules.first else {
      throw fail(
        "no recurrent weights found (keys ending in weight_ih_l<k>, weight_hh_l<k>); the file has \(listing(keys))")
    }
    guard modules.count == 1 else {
      throw fail("several recurrent modules (\(found)); name one with the recurrent prefix option")
    }
    return only
  }

  /// The keys of layers 0, 1, ... of `module`, checked to be complete, and whether it is
  /// bidirectional: then each layer's forward keys are followed by its `_reverse` ones (PyTorch's order).
  func recurrentLayers(
    under module: String, fail: (String) -> ImportError
  ) throws -> (keys: [LayerKeys], bidirectional: Bool) {
    var leaves: [RecurrentLeaf] = []
    for key in keys {
      let (keyModule, leaf) = Self.split(key)
      if keyModule == module, let parsed = Self.recurrentLeaf(leaf) { leaves.append(parsed) }
    }
    let bidirectional = leaves.contains(where: \.reversed)
    if leaves.contains(where: { $0.role == "weight_hr" }) {
      throw fail("\"\(module)\" is an LSTM with projections (weight_hr_l<k>, proj_size), which is not supported")
    }
    let layerCount = (leaves.map(\.layer).max() ?? -1) + 1
    let hasBiases = leaves.contains { $0.role.hasPrefix("bias") }
    let directions = bidirectional ? ["", "_reverse"] : [""]
    let layerKeys = try (0..<layerCount).flatMap { layer in
      try directions.map { suffix in
        func required(_ role: String) throws -> String {
          let key = Self.key(module, "\(role)_l\(layer)\(suffix)")
          guard shapes[key] != nil else {
            let present = listing(keys.filter { Self.split($0).module == module })
            throw fail("layer \(layer) of \"\(module)\" has no \"\(key)\" (recurrent keys: \(present))")
          }
          return key
        }
        return LayerKeys(
          weightIH: try required("weight_ih"), weightHH: try required("weight_hh"),
          biasIH: hasBiases ? try required("bias_ih") : nil, biasHH: hasBiases ? try required("bias_hh") : nil)
      }
    }
    return (layerKeys, bidirectional)
  }

  /// `weight_hh_l12` → role `weight_hh`, layer 12; nil for any other leaf.
  private static func recurrentLeaf(_ leaf: String) -> RecurrentLeaf? {
    for role in recurrentRoles where leaf.hasPrefix(role + "_l") {
      var rest = leaf.dropFirst(role.count + 2)
      let reversed = rest.hasSuffix("_reverse")
      if reversed { rest = rest.dropLast("_reverse".count) }
      // At most 4 digits: a real model has a handful of layers, and Int() must not see a huge number.
      guard (1...4).contains(rest.count), rest.allSatisfy(\.isASCII), let layer = Int(rest) else { return nil }
      return RecurrentLeaf(role: role, layer: layer, reversed: reversed)
    }
    return nil
  }

  // MARK: Embedding and output layer

  /// The embedding's module: `requested` if given, else the only bias-free `(V, width)` weight outside
  /// the recurrent module, or nil (one-hot input) when there is none.
  func embeddingPrefix(
    requested: String?, width: Int, excluding recurrent: String, fail: (String) -> ImportError
  ) throws -> String? {
    let fits = { (module: String) -> Bool in
      let weight = self.shape(Self.key(module, "weight"))
      return weight.count == 2 && weight[0] > 0 && weight[1] == width
    }
    if let requested = requested.map(Self.trimmed) {
      let key = Self.key(requested, "weight")
      guard shapes[key] != nil else { throw fail("no embedding \"\(key)\" (the file has \(listing(keys)))") }
      guard fits(requested) else {
        throw fail(
          "embedding \"\(key)\" has shape \(shape(key)); layer 0 takes inputs of size \(width), so it must be (V, \(width))"
        )
      }
      return requested
    }
    let candidates = modules(withLeaf: "weight", outside: [recurrent]).filter {
      fits($0) && shapes[Self.key($0, "bias")] == nil
    }
    guard candidates.count <= 1 else {
      throw fail(
        "several possible embeddings (\(listing(candidates.map { Self.key($0, "weight") }))); name one with the embedding prefix option"
      )
    }
    return candidates.first
  }

  /// The output layer's module: `requested` if given, else the only `(O, hidden)` weight with an `(O)` bias
  /// outside `excluded` modules.
  func outputPrefix(
    requested: String?, hidden: Int, excluding excluded: [String], fail: (String) -> ImportError
  ) throws -> String {
    let expectation = "\"<out>.weight\" (O, \(hidden)) with \"<out>.bias\" (O)"
    let fits = { (module: String) -> Bool in
      let weight = self.shape(Self.key(module, "weight"))
      let bias = self.shape(Self.key(module, "bias"))
      return weight.count == 2 && weight[0] > 0 && weight[1] == hidden && bias == [weight[0]]
    }
    if let requested = requested.map(Self.trimmed) {
      guard fits(requested) else {
        let weight = Self.key(requested, "weight")
        let bias = Self.key(requested, "bias")
        throw fail(
          "output layer \"\(requested)\" does not fit: expected \(expectation), found \"\(weight)\" \(shape(weight)) and \"\(bias)\" \(shape(bias))"
        )
      }
      return requested
    }
    let candidates = modules(withLeaf: "weight", outside: excluded).filter(fits)
    guard let only = candidates.first else {
      throw fail("no output layer found: expected \(expectation); the file has \(listing(keys))")
    }
    guard candidates.count == 1 else {
      throw fail(
        "several possible output layers (\(listing(candidates.map { Self.key($0, "weight") }))); name one with the output prefix option"
      )
    }
    return only
  }

  /// Modules that have a key `<module>.<leaf>` and are neither one of `excluded` nor inside one.
  private func modules(withLeaf leaf: String, outside excluded: [String]) -> [String] {
    keys.map(Self.split).filter { $0.leaf == leaf }.map(\.module).filter { module in
      !excluded.contains { module == $0 || (!$0.isEmpty && module.hasPrefix($0 + ".")) }
    }
  }

  // MARK: Names

  /// A key split at its last dot into module and leaf.
  private static func split(_ key: String) -> (module: String, leaf: String) {
    guard let dot = key.lastIndex(of: ".") else { return ("", key) }
    return (String(key[..<dot]), String(key[key.index(after: dot)...]))
  }

  /// A user-given prefix without a trailing dot (`rnn.` and `rnn` mean the same module).
  private static func trimmed(_ prefix: String) -> String {
    prefix.hasSuffix(".") ? String(prefix.dropLast()) : prefix
  }

  /// Keys with their shapes for error messages, at most 30 of them.
  private func listing(_ names: [String]) -> String {
    guard !names.isEmpty else { return "no tensors" }
    let shown = names.prefix(30).map { "\"\($0)\" \(shape($0))" }.joined(separator: ", ")
    return names.count > 30 ? "\(shown), ... (\(names.count) keys)" : shown
  }
}
