/**
 * Service definitions for local stand-ins of Google Cloud APIs, loaded from the protos the official
 * client package ships (so the stand-in speaks exactly the wire format the real client sends).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import { loadPackageDefinition } from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

const require = createRequire(import.meta.url);
// google-gax's exports hide package.json; its main is build/src/index.js, beside build/protos.
const GAX_PROTOS = join(dirname(require.resolve("google-gax")), "..", "protos");

/**
 * The gRPC service `servicePath` (e.g. "google.cloud.speech.v1.Speech") from `protoFile` inside
 * the npm package `packageName`'s build/protos.
 */
export async function loadGoogleService(packageName: string, protoFile: string, servicePath: string): Promise<grpc.ServiceDefinition> {
  const protos = join(dirname(require.resolve(`${packageName}/package.json`)), "build", "protos");
  const definition = await protoLoader.load(join(protos, protoFile), {
    includeDirs: [protos, GAX_PROTOS],
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  let node: unknown = loadPackageDefinition(definition);
  for (const part of servicePath.split(".")) node = (node as Record<string, unknown>)[part];
  const service = (node as { service?: grpc.ServiceDefinition } | undefined)?.service;
  if (!service) throw new Error(`${servicePath} is not in ${packageName}/${protoFile}`);
  return service;
}
