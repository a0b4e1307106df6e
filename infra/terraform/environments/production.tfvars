# terraform plan -var-file=environments/production.tfvars   (after init with production.backend.hcl)
# Replace the placeholders (account id, certificate, repository) before the first apply.

environment    = "production"
aws_region     = "us-east-1"
aws_account_id = "222222222222"

domain_name     = "api.invortoai.com"
certificate_arn = "arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-0000-0000-000000000000"
route53_zone_id = ""

vpc_cidr           = "10.50.0.0/16"
availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
single_nat_gateway = false

alb_idle_timeout        = 3600
alb_deletion_protection = true
enable_waf              = true

database_cidr_blocks = ["10.50.0.0/16"]

redis_node_type               = "cache.r7g.large"
redis_num_cache_clusters      = 2
redis_snapshot_retention_days = 7

log_retention_days = 90

service_sizing = {
  api = {
    cpu                       = 1024
    memory                    = 2048
    desired_count             = 2
    min_count                 = 2
    max_count                 = 10
    cpu_target_percent        = 60
    scale_in_cooldown_seconds = 300
    stop_timeout_seconds      = 30
  }
  realtime = {
    cpu                       = 2048
    memory                    = 4096
    desired_count             = 3
    min_count                 = 3
    max_count                 = 30
    cpu_target_percent        = 50
    scale_in_cooldown_seconds = 900
    stop_timeout_seconds      = 120
  }
  webhooks = {
    cpu                       = 512
    memory                    = 1024
    desired_count             = 2
    min_count                 = 2
    max_count                 = 6
    cpu_target_percent        = 60
    scale_in_cooldown_seconds = 300
    stop_timeout_seconds      = 30
  }
  telephony = {
    cpu                       = 1024
    memory                    = 2048
    desired_count             = 2
    min_count                 = 2
    max_count                 = 10
    cpu_target_percent        = 60
    scale_in_cooldown_seconds = 300
    stop_timeout_seconds      = 30
  }
}

telephony_global_max_concurrency       = 10000
telephony_per_campaign_max_concurrency = 100
telephony_semaphore_ttl_sec            = 600
max_concurrent_calls                   = 200

enable_jambonz = true
enable_twilio  = false

github_repository   = "invortoai/invorto"
github_branches     = ["main"]
github_environments = ["production"]
