const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

interface Ipv4Cidr {
  readonly address: number;
  readonly prefixLength: number;
}

function parseIpv4Cidr(cidr: string, field: string): Ipv4Cidr {
  const match = cidrPattern.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefixLength = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || prefixLength > 32) {
    throw new Error(`${field} "${cidr}" is not an IPv4 CIDR block like 10.20.0.0/16.`);
  }
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const hostBits = 32 - prefixLength;
  if (address % 2 ** hostBits !== 0) {
    throw new Error(`${field} "${cidr}" has host bits set; did you mean ${formatIpv4(address - (address % 2 ** hostBits))}/${prefixLength}?`);
  }
  return { address, prefixLength };
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/**
 * Splits a VPC CIDR into `count` equal subnets (the first `count` blocks of the next power of two),
 * computed at synth time so plans show literal CIDRs. AWS VPCs are /16../28 and subnets at most
 * /28, which bounds the usable VPC prefix.
 */
export function splitVpcCidr(cidr: string, count: number, field = 'VPC CIDR'): string[] {
  const { address, prefixLength } = parseIpv4Cidr(cidr, field);
  const extraBits = Math.ceil(Math.log2(count));
  const subnetPrefix = prefixLength + extraBits;
  if (prefixLength < 16 || subnetPrefix > 28) {
    throw new Error(
      `${field} "${cidr}" must be between /16 and /${28 - extraBits} so ${count} subnets of at least /28 fit (AWS VPC limits).`,
    );
  }
  const subnetSize = 2 ** (32 - subnetPrefix);
  return Array.from({ length: count }, (_, index) => `${formatIpv4(address + index * subnetSize)}/${subnetPrefix}`);
}
