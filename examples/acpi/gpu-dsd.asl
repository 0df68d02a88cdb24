/*
 * DSDT excerpt: the GPUs of a two-superchip GH200 board, in the shape
 * `iasl -d` prints them. Written for vfio-lens; not from any firmware.
 * Hover a Device for the layout nvgrace-gpu computes from its _DSD.
 */
DefinitionBlock ("", "DSDT", 2, "NVIDIA", "GH200", 0x00000001)
{
    Scope (\_SB)
    {
        Device (PCI9)
        {
            Name (_HID, "PNP0A08" /* PCI Express Bus */)  // _HID: Hardware ID
            Name (_SEG, 0x09)  // _SEG: PCI Segment
            Name (_BBN, Zero)  // _BBN: BIOS Bus Number
            Device (RP00)
            {
                Name (_ADR, Zero)  // _ADR: Address
                Device (GPU0)
                {
                    Name (_ADR, Zero)  // _ADR: Address
                    Name (_DSD, Package (0x02)  // _DSD: Device-Specific Data
                    {
                        ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301") /* Device Properties for _DSD */,
                        Package (0x04)
                        {
                            Package (0x02)
                            {
                                "nvidia,gpu-mem-base-pa",
                                0x0000400000000000
                            },

                            Package (0x02)
                            {
                                "nvidia,gpu-mem-pxm-start",
                                0x10
                            },

                            Package (0x02)
                            {
                                "nvidia,gpu-mem-pxm-count",
                                0x08
                            },

                            Package (0x02)
                            {
                                "nvidia,gpu-mem-size",
                                0x0000001800000000
                            }
                        }
                    })
                }
            }
        }

        Device (PCIJ)
        {
            Name (_HID, "PNP0A08" /* PCI Express Bus */)  // _HID: Hardware ID
            Name (_SEG, 0x19)  // _SEG: PCI Segment
            Name (_BBN, Zero)  // _BBN: BIOS Bus Number
            Device (RP00)
            {
                Name (_ADR, Zero)  // _ADR: Address
                Device (GPU1)
                {
                    Name (_ADR, Zero)  // _ADR: Address
                    Name (_DSD, Package (0x02)  // _DSD: Device-Specific Data
                    {
                        ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301") /* Device Properties for _DSD */,
                        Package (0x04)
                        {
                            Package (0x02)
                            {
                                "nvidia,gpu-mem-base-pa",
                                0x0000600000000000
                            },

                            Package (0x02)
                            {
                                "nvidia,gpu-mem-pxm-start",
                                0x18
                            },

                            Package (0x02)
                            {
                                "nvidia,gpu-mem-pxm-count",
                                0x08
                            },

                            Package (0x02)
                            {
                                "nvidia,gpu-mem-size",
                                0x00000017F0000000
                            }
                        }
                    })
                }
            }
        }
    }
}
