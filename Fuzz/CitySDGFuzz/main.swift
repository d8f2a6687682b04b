// libFuzzer target for the loader and the Markdown renderer, or (CITYSDG_FUZZ_STATE=<file>) for
// the reader of one state file in .citysdg/. Built only by scripts/fuzz.
import CitySDGEngine
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let state = getenv("CITYSDG_FUZZ_STATE").map({ String(cString: $0) }) {
        StateProbe.run(state, bytes)
        return 0
    }
    let outcome = InputProbe.run(bytes)
    if outcome.leaked { fatalError("unsafe HTML reached the page: \(outcome.html ?? "")") }
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
