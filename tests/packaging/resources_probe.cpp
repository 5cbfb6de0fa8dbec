// Nothing: tst_resources_static only exists to carry hftm_resources to tst_resources.
int hftmResourcesProbe()
{
    return 0;
}
